using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Loans.Tests.Infrastructure;

namespace Loans.Benchmarks;

/// <summary>
/// A long run of POST /orders at a fixed rate (paced workers, so the load stays at the rate instead of at the
/// server's peak), read out every 30 s: requests, 5xx, other errors, p99, RSS of the silo and API, and the CPU
/// time they spent per order. At a fixed rate that CPU figure is far steadier than peak throughput on a noisy
/// machine, so it is the one to compare two builds by.
/// </summary>
public static class Soak
{
    private const int Workers = 32;
    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(30);

    public static async Task<string> Run(LoansSystem system, string body, TimeSpan duration, double rate, Func<int, long> residentBytes)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Workers }) { BaseAddress = system.ApiAddress, Timeout = TimeSpan.FromSeconds(10) };
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Soak: POST /orders at {rate:F0}/s for {duration.TotalMinutes:F1} min, {Workers} paced workers.");
        text.AppendLine();
        text.AppendLine("| Minute | Requests/s | 5xx | Other errors | p99 ms | RSS silo+API MiB | CPU silo+API µs/order |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        var interval = Workers / rate;
        var end = DateTime.UtcNow + duration;
        var slices = (int)Math.Ceiling(duration / Slice);
        // Memory settles once the first idle order grains are collected (Activations:LoanOrderIdleTimeout, 2 min).
        var warmupSlices = (int)Math.Ceiling(Math.Min(TimeSpan.FromMinutes(5).TotalSeconds, duration.TotalSeconds / 3) / Slice.TotalSeconds);
        var rssBySlice = new List<double>();
        var p99BySlice = new List<double>();
        var cpuBySlice = new List<double>();
        long totalServerErrors = 0;
        for (var s = 0; s < slices; s++)
        {
            var samples = new List<long>[Workers];
            long serverErrors = 0, otherErrors = 0;
            var sliceEnd = Stopwatch.GetTimestamp() + (long)(Slice.TotalSeconds * Stopwatch.Frequency);
            var started = Stopwatch.GetTimestamp();
            var cpuBefore = ProcessorTime(system);
            await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
            {
                var mine = samples[worker] = [];
                var next = Stopwatch.GetTimestamp() + (long)(worker * interval / Workers * Stopwatch.Frequency);
                while (next < sliceEnd)
                {
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }

                    next += (long)(interval * Stopwatch.Frequency);
                    var start = Stopwatch.GetTimestamp();
                    try
                    {
                        using var content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
                        using var response = await client.PostAsync("/orders", content);
                        await response.Content.LoadIntoBufferAsync();
                        mine.Add(Stopwatch.GetTimestamp() - start);
                        if ((int)response.StatusCode >= 500)
                        {
                            Interlocked.Increment(ref serverErrors);
                        }
                    }
                    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                    {
                        Interlocked.Increment(ref otherErrors);
                    }
                }
            })));
            var cpu = ProcessorTime(system) - cpuBefore;
            var summary = LatencySummary.From([.. samples.SelectMany(x => x)], Stopwatch.GetElapsedTime(started), serverErrors, otherErrors);
            var cpuPerOrder = cpu.TotalMicroseconds / Math.Max(1, summary.Requests);
            var rss = (residentBytes(system.Silo!.Id) + residentBytes(system.ApiProcess!.Id)) / (1024.0 * 1024);
            var line = string.Create(c, $"| {(s + 1) * Slice.TotalMinutes:F1} | {summary.RequestsPerSecond:F0} | {serverErrors} | {otherErrors} | {summary.P99Ms:F2} | {rss:F0} | {cpuPerOrder:F0} |");
            Console.WriteLine(line);
            text.AppendLine(line);
            rssBySlice.Add(rss);
            p99BySlice.Add(summary.P99Ms);
            cpuBySlice.Add(cpuPerOrder);
            totalServerErrors += serverErrors;
            if (DateTime.UtcNow >= end)
            {
                break;
            }
        }

        if (rssBySlice.Count > warmupSlices)
        {
            var settled = rssBySlice[warmupSlices - 1];
            var afterWarmup = p99BySlice.Skip(warmupSlices).Order().ToArray();
            var cpuAfterWarmup = cpuBySlice.Skip(warmupSlices).Order().ToArray();
            text.AppendLine();
            text.AppendLine(c, $"After the {warmupSlices * Slice.TotalMinutes:F1}-minute warm-up: RSS {settled:F0} → {rssBySlice[^1]:F0} MiB ({(rssBySlice[^1] / settled) - 1:P1}), peak {rssBySlice.Skip(warmupSlices).Max():F0} MiB; " +
                $"p99 per slice {afterWarmup[0]:F2}–{afterWarmup[^1]:F2} ms (median {afterWarmup[afterWarmup.Length / 2]:F2}); " +
                $"CPU per order {cpuAfterWarmup[0]:F0}–{cpuAfterWarmup[^1]:F0} µs (median {cpuAfterWarmup[cpuAfterWarmup.Length / 2]:F0}); 5xx in total: {totalServerErrors}.");
        }

        return text.ToString();
    }

    /// <summary>User plus kernel CPU time of the silo and API processes so far.</summary>
    private static TimeSpan ProcessorTime(LoansSystem system)
    {
        using var silo = Process.GetProcessById(system.Silo!.Id);
        using var api = Process.GetProcessById(system.ApiProcess!.Id);
        return silo.TotalProcessorTime + api.TotalProcessorTime;
    }
}
