using System.Globalization;

namespace Loans.Tests.Security;

/// <summary>Another API process joined to a running system's silo: a second replica, or the API restarted with new settings.</summary>
public sealed class ApiReplica : IAsyncDisposable
{
    private ApiReplica(Uri address, LoansProcess process)
    {
        Address = address;
        Process = process;
    }

    public Uri Address { get; }

    public LoansProcess Process { get; }

    public static async Task<ApiReplica> Start(LoansSystem system, string name, IReadOnlyDictionary<string, string> settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var environment = new Dictionary<string, string>(settings)
        {
            // The same cluster as LoansSystem.StartProcesses joins.
            ["Cluster__ClusterId"] = "loans-tests",
            ["Cluster__ServiceId"] = "loan-orders-tests",
            ["Cluster__GatewayPort"] = system.GatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Urls"] = address.ToString(),
        };
        var replica = new ApiReplica(address, LoansProcess.Start("Api", name, system.DataDirectory, environment));
        try
        {
            await replica.WaitUntilServing(TimeSpan.FromSeconds(90));
        }
        catch
        {
            await replica.DisposeAsync();
            throw;
        }

        return replica;
    }

    public async ValueTask DisposeAsync()
    {
        await Process.Stop();
        await Process.DisposeAsync();
    }

    private async Task WaitUntilServing(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"The API replica exited.{Environment.NewLine}{Process.Output}");
            }

            try
            {
                using var response = await http.GetAsync($"/orders/{Guid.NewGuid()}");
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The API replica did not serve within {timeout}.{Environment.NewLine}{Process.Output}");
    }
}
