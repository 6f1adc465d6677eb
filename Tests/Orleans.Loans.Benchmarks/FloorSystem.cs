using Loans.Tests.Infrastructure;

namespace Loans.Benchmarks;

/// <summary>
/// The least a silo and an API beside it can be: the Orleans.Loans.Benchmarks.Floor program started as two
/// processes, ASP.NET Core with an Orleans silo, and ASP.NET Core with an Orleans client whose <c>GET /</c> makes
/// one call to an empty grain. Nothing of the system's storage, telemetry, dashboard or validation. Its idle
/// memory and its throughput are reported beside the system's and the baseline's, so what two processes cost
/// by themselves is measured, not guessed. The silo process answers <c>GET /</c> too, calling the grain
/// in-process: the floor of the co-hosted topology.
/// </summary>
public sealed class FloorSystem : IAsyncDisposable
{
    private const string Project = "Tests/Orleans.Loans.Benchmarks.Floor";

    private readonly TemporaryDirectory directory;
    private readonly LoansProcess silo;
    private readonly LoansProcess client;

    private FloorSystem(TemporaryDirectory directory, LoansProcess silo, LoansProcess client, Uri siloAddress, Uri clientAddress)
    {
        this.directory = directory;
        this.silo = silo;
        this.client = client;
        SiloAddress = siloAddress;
        ClientAddress = clientAddress;
    }

    /// <summary>The bare silo's own HTTP port: <c>GET /</c> calls the empty grain in-process (co-hosted floor).</summary>
    public Uri SiloAddress { get; }

    /// <summary>The bare client's HTTP port: <c>GET /</c> calls the empty grain through the gateway (two-process floor).</summary>
    public Uri ClientAddress { get; }

    public static async Task<FloorSystem> Start()
    {
        var directory = new TemporaryDirectory("loans-floor");
        var assembly = Path.Combine(Repository.OutputOf(Project), "Orleans.Loans.Benchmarks.Floor.dll");
        var siloAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var clientAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var cluster = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Floor__SiloPort"] = $"{FreePort.Next()}",
            ["Floor__GatewayPort"] = $"{FreePort.Next()}",
        };
        var silo = LoansProcess.StartAssembly(assembly, [assembly, "silo"], "floor-silo", directory.Path,
            new Dictionary<string, string>(cluster) { ["Urls"] = siloAddress.ToString() });
        var client = LoansProcess.StartAssembly(assembly, [assembly, "client"], "floor-client", directory.Path,
            new Dictionary<string, string>(cluster) { ["Urls"] = clientAddress.ToString() });
        var floor = new FloorSystem(directory, silo, client, siloAddress, clientAddress);
        try
        {
            await floor.WaitForPing();
        }
        catch
        {
            await floor.DisposeAsync();
            throw;
        }

        return floor;
    }

    public (ProcessMemory Silo, ProcessMemory Client) Memory() => (ProcessMemory.Of(silo.Id), ProcessMemory.Of(client.Id));

    public async ValueTask DisposeAsync()
    {
        await client.Stop();
        await client.DisposeAsync();
        await silo.Stop();
        await silo.DisposeAsync();
        directory.Dispose();
    }

    private async Task WaitForPing()
    {
        using var http = new HttpClient { BaseAddress = ClientAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !silo.HasExited && !client.HasExited)
        {
            try
            {
                if (await http.GetStringAsync("/") == "pong")
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or the client is still connecting to the silo.
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"The floor's client never reached its silo.{Environment.NewLine}{silo.Output}{Environment.NewLine}{client.Output}");
    }
}
