using System.Globalization;
using System.Text.Json.Nodes;

namespace Loans.Tests.Infrastructure;

/// <summary>
/// A multi-silo system as real processes: a redis-server holding the membership table, two silos on their
/// own free ports sharing one SQLite data directory, and the API finding the silos' gateways through Redis.
/// Membership is tuned faster than Orleans' defaults so that a killed silo is declared dead in seconds.
/// </summary>
public sealed class LoansCluster : IAsyncDisposable
{
    /// <summary>Membership tuning the tests run with (docs/cluster.md explains each key).</summary>
    public static readonly IReadOnlyDictionary<string, string> FastMembership = new Dictionary<string, string>
    {
        ["Cluster__ProbeTimeout"] = "00:00:01",
        ["Cluster__NumMissedProbesLimit"] = "2",
        ["Cluster__TableRefreshTimeout"] = "00:00:05",
        ["Cluster__IAmAliveTablePublishTimeout"] = "00:00:05",
        ["Cluster__GatewayListRefreshPeriod"] = "00:00:02",
    };

    private readonly TemporaryDirectory directory = new("loans-cluster");
    private readonly RedisServer redis;
    private readonly int apiPort = FreePort.Next();
    private readonly string clusterId = $"loans-cluster-{Guid.NewGuid():N}";
    private readonly IReadOnlyDictionary<string, string> extraSettings;

    private LoansCluster(RedisServer redis, int siloCount, IReadOnlyDictionary<string, string>? extraSettings)
    {
        this.redis = redis;
        this.extraSettings = extraSettings ?? new Dictionary<string, string>();
        Silos = Enumerable.Range(0, siloCount).Select(i => new ClusterSilo(this, i)).ToArray();
        Api = new HttpClient { BaseAddress = ApiAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public IReadOnlyList<ClusterSilo> Silos { get; }

    public Uri ApiAddress => new($"http://127.0.0.1:{apiPort}");

    /// <summary>A client of the API with a 30 s timeout: a request that takes longer counts as hanging.</summary>
    public HttpClient Api { get; }

    public LoansProcess? ApiProcess { get; private set; }

    public string RedisConnectionString => redis.ConnectionString;

    /// <summary>Starts Redis, the silos and the API; <paramref name="extraSettings"/> go to every process.</summary>
    public static Task<LoansCluster> Start(int siloCount = 2, IReadOnlyDictionary<string, string>? extraSettings = null) =>
        PortInUseException.Retry(async () =>
        {
            var cluster = new LoansCluster(await RedisServer.Start(), siloCount, extraSettings);
            try
            {
                foreach (var silo in cluster.Silos)
                {
                    silo.Start();
                }

                cluster.StartApi();
                await cluster.WaitUntilHealthy(TimeSpan.FromSeconds(120));
                return cluster;
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        });

    /// <summary>Settings shared by silos and API: the Redis membership switch and the fast tuning.</summary>
    private Dictionary<string, string> ClusterSettings()
    {
        var settings = new Dictionary<string, string>(FastMembership)
        {
            ["Cluster__Membership"] = "Redis",
            ["Cluster__RedisConnectionString"] = redis.ConnectionString,
            ["Cluster__AdvertisedIPAddress"] = "127.0.0.1",
            ["Cluster__ClusterId"] = clusterId,
            ["Cluster__ServiceId"] = "loan-orders-cluster-tests",
            ["Admin__ApiKey"] = AdminCredentials.ApiKey,
            // The order streams stand for many clients but all come from 127.0.0.1, faster than one address may
            // send (Api:OrderRateLimit); a 429 would hide the failover answers these tests are about.
            ["Api__OrderRateLimit__Enabled"] = "false",
        };
        foreach (var (key, value) in extraSettings)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Stops the membership store (redis-server) for good, as when it is lost.</summary>
    public ValueTask StopMembershipStore() => redis.DisposeAsync();

    public void StartApi()
    {
        var settings = ClusterSettings();
        settings["Urls"] = ApiAddress.ToString();
        ApiProcess = LoansProcess.Start("Api", "api", directory.Path, settings);
    }

    /// <summary>Restarts whatever is not running and waits until every silo is Active and the API serves orders.</summary>
    public async Task EnsureHealthy()
    {
        foreach (var silo in Silos.Where(s => s.Process is null || s.Process.HasExited))
        {
            await silo.Restart();
        }

        if (ApiProcess is null || ApiProcess.HasExited)
        {
            if (ApiProcess is not null)
            {
                await ApiProcess.DisposeAsync();
            }

            StartApi();
        }

        await WaitUntilHealthy(TimeSpan.FromSeconds(120));
    }

    /// <summary>Waits until every silo reports all silos Active and the API answers a request through the cluster.</summary>
    public async Task WaitUntilHealthy(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        foreach (var silo in Silos)
        {
            await silo.WaitUntilActive(Silos.Count, deadline - DateTime.UtcNow);
        }

        await WaitUntilApiServes(deadline - DateTime.UtcNow);
    }

    public async Task WaitUntilApiServes(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (ApiProcess?.HasExited == true)
            {
                throw FreePort.IsBindFailure(ApiProcess.Output)
                    ? new PortInUseException($"The API could not bind its port {apiPort}.{Environment.NewLine}{Diagnostics()}")
                    : new InvalidOperationException($"The API exited.{Environment.NewLine}{Diagnostics()}");
            }

            try
            {
                using var response = await Api.GetAsync($"/orders/{Guid.NewGuid()}");
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

        throw new TimeoutException($"The API did not serve within {timeout}.{Environment.NewLine}{Diagnostics()}");
    }

    public string Diagnostics() =>
        string.Join(Environment.NewLine, Silos.Select(s => $"--- silo {s.Index} ---{Environment.NewLine}{s.Process?.Output}"))
        + $"{Environment.NewLine}--- api ---{Environment.NewLine}{ApiProcess?.Output}";

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        if (ApiProcess is not null)
        {
            await ApiProcess.DisposeAsync();
        }

        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        await redis.DisposeAsync();
        directory.Dispose();
    }

    /// <summary>One silo of the cluster; keeps its ports across restarts, as a pod keeps its address.</summary>
    public sealed class ClusterSilo : IAsyncDisposable
    {
        private readonly LoansCluster cluster;
        private readonly int siloPort = FreePort.Next();
        private readonly int gatewayPort = FreePort.Next();
        private readonly int httpPort = FreePort.Next();
        private readonly int metricsPort = FreePort.Next();

        internal ClusterSilo(LoansCluster cluster, int index)
        {
            this.cluster = cluster;
            Index = index;
            Http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        }

        public int Index { get; }

        /// <summary>The silo's HTTP endpoint: health and dashboard.</summary>
        public Uri Address => new($"http://127.0.0.1:{httpPort}");

        public HttpClient Http { get; }

        /// <summary>The silo's Prometheus endpoint.</summary>
        public Uri MetricsAddress => new($"http://127.0.0.1:{metricsPort}/metrics");

        public LoansProcess? Process { get; private set; }

        internal void Start()
        {
            var settings = cluster.ClusterSettings();
            settings["Urls"] = Address.ToString();
            settings["Cluster__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
            settings["Cluster__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
            settings["Telemetry__PrometheusListenerUrl"] = $"http://+:{metricsPort}/";
            Process = LoansProcess.Start("Silo", $"silo-{Index}", cluster.directory.Path, settings);
        }

        /// <summary>SIGKILL: the silo vanishes without leaving the membership table, as in a crash.</summary>
        public Task Kill() => Process!.Kill();

        /// <summary>SIGTERM, waiting at most <paramref name="timeout"/> for the process to exit.</summary>
        public Task Stop(TimeSpan timeout) => Process!.Stop(timeout);

        /// <summary>Starts the silo again on the same ports (the old process must be gone).</summary>
        public async Task Restart()
        {
            if (Process is not null)
            {
                await Process.DisposeAsync();
            }

            Start();
        }

        /// <summary>Waits until /health/ready is 200 and reports <paramref name="activeSilos"/> Active silos.</summary>
        public async Task WaitUntilActive(int activeSilos, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            var last = "";
            while (DateTime.UtcNow < deadline)
            {
                if (Process?.HasExited == true)
                {
                    throw FreePort.IsBindFailure(Process.Output)
                        ? new PortInUseException($"Silo {Index} could not bind one of its ports (silo {siloPort}, gateway {gatewayPort}, HTTP {httpPort}, metrics {metricsPort}).{Environment.NewLine}{Process.Output}")
                        : new InvalidOperationException($"Silo {Index} exited.{Environment.NewLine}{Process.Output}");
                }

                try
                {
                    using var response = await Http.GetAsync("/health/ready");
                    last = await response.Content.ReadAsStringAsync();
                    if (response.IsSuccessStatusCode
                        && JsonNode.Parse(last)?["checks"]?["membership"]?["data"]?["activeSilos"]?.GetValue<int>() == activeSilos)
                    {
                        return;
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                }

                await Task.Delay(250);
            }

            throw new TimeoutException($"Silo {Index} did not see {activeSilos} Active silos within {timeout}; last /health/ready: {last}{Environment.NewLine}{cluster.Diagnostics()}");
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            if (Process is not null)
            {
                await Process.DisposeAsync();
            }
        }
    }
}
