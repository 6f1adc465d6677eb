namespace Loans.Tests.Infrastructure;

/// <summary>
/// The whole system as real processes: one silo and the API on free loopback ports, with SQLite data in a
/// temporary folder that survives restarts of the processes. Co-hosted (<see cref="LoansTopology.CoHosted"/>), the
/// silo serves the API itself at <see cref="ApiAddress"/> and there is no API process.
/// </summary>
public sealed class LoansSystem : IAsyncDisposable
{
    private readonly TemporaryDirectory directory = new("loans-system");
    private readonly int siloPort = FreePort.Next();
    private readonly int gatewayPort = FreePort.Next();
    private readonly int siloHttpPort = FreePort.Next();
    private readonly int apiPort = FreePort.Next();
    private readonly int siloMetricsPort = FreePort.Next();
    private readonly IReadOnlyDictionary<string, string> extraSettings;

    public LoansSystem(IReadOnlyDictionary<string, string>? extraSettings = null, LoansTopology topology = LoansTopology.TwoProcesses)
    {
        this.extraSettings = extraSettings ?? new Dictionary<string, string>();
        Topology = topology;
        Api = new HttpClient { BaseAddress = ApiAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public LoansTopology Topology { get; }

    public Uri ApiAddress => new($"http://127.0.0.1:{apiPort}");

    /// <summary>The silo's own HTTP port; co-hosted, the API's address, which the silo serves.</summary>
    public Uri SiloAddress => Topology == LoansTopology.CoHosted ? ApiAddress : new($"http://127.0.0.1:{siloHttpPort}");

    /// <summary>The silo's Prometheus listener (Telemetry:PrometheusListenerUrl), on a free port.</summary>
    public Uri SiloMetricsAddress => new($"http://127.0.0.1:{siloMetricsPort}");

    public HttpClient Api { get; }

    public LoansProcess? Silo { get; private set; }

    public LoansProcess? ApiProcess { get; private set; }

    public string DataDirectory => directory.Path;

    /// <summary>The silo's gateway, for a cluster client of the test's own (cluster and service id as set in StartProcesses).</summary>
    public int GatewayPort => gatewayPort;

    /// <summary>Starts the processes on new ports, and on other new ports again if one could not bind its own.</summary>
    public static Task<LoansSystem> Start(IReadOnlyDictionary<string, string>? extraSettings = null, LoansTopology topology = LoansTopology.TwoProcesses) =>
        PortInUseException.Retry(async () =>
        {
            var system = new LoansSystem(extraSettings, topology);
            try
            {
                await system.StartProcesses();
            }
            catch
            {
                // A system that never served is nobody's to dispose: stop its processes here, not leak them.
                await system.DisposeAsync();
                throw;
            }

            return system;
        });

    public async Task StartProcesses()
    {
        var cluster = new Dictionary<string, string>
        {
            ["Cluster__ClusterId"] = "loans-tests",
            ["Cluster__ServiceId"] = "loan-orders-tests",
            ["Cluster__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The suite runs many systems at once on two cores, where a cold first order can take seconds; a test
            // about the deadline itself sets Api:RequestTimeout (Tests/Persistence/StorageOutageTests).
            ["Api__RequestTimeout"] = "00:00:15",
        };
        var silo = new Dictionary<string, string>(cluster)
        {
            ["Urls"] = SiloAddress.ToString(),
            ["Cluster__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Telemetry__PrometheusListenerUrl"] = $"http://+:{siloMetricsPort}/",
        };
        var api = new Dictionary<string, string>(cluster) { ["Urls"] = ApiAddress.ToString() };
        if (Topology == LoansTopology.CoHosted)
        {
            silo["Urls"] = ApiAddress.ToString();
            silo["Silo__HostApi"] = "true";
        }

        foreach (var (key, value) in extraSettings)
        {
            silo[key] = value;
            api[key] = value;
        }

        Silo = LoansProcess.Start("Silo", "silo", directory.Path, silo);
        ApiProcess = Topology == LoansTopology.TwoProcesses ? LoansProcess.Start("Api", "api", directory.Path, api) : null;
        await WaitUntilServing(TimeSpan.FromSeconds(90));
    }

    /// <summary>Stops both processes gracefully, API first, as run.sh does.</summary>
    public async Task StopProcesses()
    {
        if (ApiProcess is not null)
        {
            await ApiProcess.Stop();
            await ApiProcess.DisposeAsync();
        }

        if (Silo is not null)
        {
            await Silo.Stop();
            await Silo.DisposeAsync();
        }
    }

    /// <summary>Waits until the API answers a request that goes through the cluster.</summary>
    public async Task WaitUntilServing(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Silo?.HasExited == true || ApiProcess?.HasExited == true)
            {
                var diagnostics = Diagnostics();
                throw FreePort.IsBindFailure(diagnostics)
                    ? new PortInUseException($"A process could not bind one of its ports (silo {siloPort}, gateway {gatewayPort}, silo HTTP {siloHttpPort}, metrics {siloMetricsPort}, API {apiPort}).{Environment.NewLine}{diagnostics}")
                    : new InvalidOperationException($"A process exited during start-up.{Environment.NewLine}{diagnostics}");
            }

            try
            {
                using var response = await Api.GetAsync($"/orders/{Guid.NewGuid()}");
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The system did not serve within {timeout}.{Environment.NewLine}{Diagnostics()}");
    }

    public string Diagnostics() =>
        $"--- silo ---{Environment.NewLine}{Silo?.Output}{Environment.NewLine}--- api ---{Environment.NewLine}{ApiProcess?.Output}";

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        if (ApiProcess is not null)
        {
            await ApiProcess.DisposeAsync();
        }

        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        directory.Dispose();
    }
}
