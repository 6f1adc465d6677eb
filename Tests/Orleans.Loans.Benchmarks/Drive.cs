using System.Globalization;

namespace Loans.Benchmarks;

/// <summary>
/// A steady load on one running system while a profiler is attached to it: <c>drive URL get|post|root SECONDS
/// [CONNECTIONS]</c>. GET first stores 200 orders and then reads them warm, at random; POST places new orders;
/// ROOT asks for <c>/</c>, which is what the floors answer (one call to an empty grain).
/// HTTP/1.1 keep-alive, as the benchmark drives it (tools such as ab speak HTTP/1.0, where Kestrel must close the
/// connection after every streamed JSON answer, and the profile would show connection set-up instead of requests).
/// </summary>
public static class Drive
{
    public static async Task<int> Run(string[] args, string body)
    {
        if (args is not [_, var url, var scenario and ("get" or "post" or "root"), var seconds, ..])
        {
            Console.Error.WriteLine("usage: Orleans.Loans.Benchmarks drive URL get|post|root SECONDS [CONNECTIONS]");
            return 2;
        }

        var connections = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 32;
        var duration = TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture));
        using var http = Harness.Client(new Uri(url), connections);
        ClosedLoopLoad.Call call = (_, ct) => Harness.Post(http, body, ct);
        if (scenario == "root")
        {
            call = async (_, ct) =>
            {
                using var response = await http.GetAsync("/", ct);
                await response.Content.LoadIntoBufferAsync(ct);
                return response.IsSuccessStatusCode;
            };
        }
        else if (scenario == "get")
        {
            var ids = await Harness.Seed(http, body, 200);
            call = (_, ct) => Harness.Get(http, ids[Random.Shared.Next(ids.Length)], ct);
        }

        var result = await ClosedLoopLoad.Run(connections, TimeSpan.Zero, duration, call);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scenario} {url}: {result.RequestsPerSecond:F0}/s, p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms, {result.Errors} errors, {result.Timeouts} timeouts"));
        return 0;
    }
}
