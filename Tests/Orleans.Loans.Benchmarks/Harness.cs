using System.Net.Http.Headers;
using System.Text;
using Loans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;

namespace Loans.Benchmarks;

/// <summary>
/// Runs each scenario against the real system (Silo + Api processes) and the in-process baseline,
/// alternating them round by round (A/B/A/B) so that the noise of a shared machine hits both alike.
/// </summary>
public static class Harness
{
    private const string ClusterId = "loans-bench";
    private const string ServiceId = "loan-orders-bench";

    public static async Task<int> Main(string[] args)
    {
        var options = BenchmarkOptions.Parse(args);
        var body = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "loanOrder.json"));
        if (options.Growth is [var small, var large])
        {
            var growth = await Growth.Run(options, body, small, large);
            Directory.CreateDirectory(options.OutputDirectory);
            await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "growth.md"), growth);
            Console.WriteLine(growth);
            return 0;
        }

        var idleSettle = TimeSpan.FromSeconds(options.Smoke ? 0.5 : 5);
        var floor = (Silo: new ProcessMemory(0, 0), Client: new ProcessMemory(0, 0));
        if (options.Soak == TimeSpan.Zero)
        {
            Console.WriteLine("Measuring the floor's idle memory: a bare ASP.NET Core + Orleans silo and client");
            await using var floorAtRest = await FloorSystem.Start();
            await Task.Delay(idleSettle);
            floor = floorAtRest.Memory();
        }

        var gatewayPort = FreePort.Next();
        Console.WriteLine($"Starting the system (Silo + Api processes) and the baseline; smoke={options.Smoke}");

        var systemSettings = new Dictionary<string, string>
        {
            ["Cluster__ClusterId"] = ClusterId,
            ["Cluster__ServiceId"] = ServiceId,
            ["Cluster__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            // Measured as deployed: Production skips Development's DI scope validation and exception page,
            // and refuses to start without these credentials.
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Admin__ApiKey"] = "benchmark-administrator-key-0123456789",
            ["Dashboard__Username"] = "benchmark",
            ["Dashboard__Password"] = "benchmark-dashboard-password",
            // The load comes from one address, which the public limiter exists to cut: measure the system, not it.
            ["Api__OrderRateLimit__Enabled"] = "false",
        };
        foreach (var (key, value) in options.SystemSettings ?? new Dictionary<string, string>())
        {
            systemSettings[key] = value;
            Console.WriteLine($"System setting: {key}={value}");
        }

        await using var system = await LoansSystem.Start(systemSettings);
        if (options.Soak > TimeSpan.Zero)
        {
            var soak = await Soak.Run(system, body, options.Soak, options.SoakRate, ProcessMemory.RssOf);
            Directory.CreateDirectory(options.OutputDirectory);
            await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "soak.md"), soak);
            Console.WriteLine(soak);
            return 0;
        }

        using var baselineDirectory = new TemporaryDirectory("loans-baseline");
        await using var baseline = await BaselineServer.Start(baselineDirectory.Path);
        using var host = await StartClusterClient(gatewayPort);
        var cluster = host.Services.GetRequiredService<IClusterClient>();
        await Task.Delay(idleSettle);
        var idle = new IdleMemory(ProcessMemory.Of(system.Silo!.Id), ProcessMemory.Of(system.ApiProcess!.Id), floor.Silo, floor.Client);

        await WarmUpJit(system.ApiAddress, baseline.Address, body, options.JitWarmup);
        var results = new List<ScenarioResult>();
        foreach (var connections in options.Connections)
        {
            using var systemHttp = Client(system.ApiAddress, connections);
            using var baselineHttp = Client(baseline.Address, connections);
            results.Add(await Compare("POST /orders", connections, options,
                (_, ct) => Post(systemHttp, body, ct), (_, ct) => Post(baselineHttp, body, ct)));
        }

        using (var seedSystem = Client(system.ApiAddress, 8))
        using (var seedBaseline = Client(baseline.Address, 8))
        {
            var systemIds = await Seed(seedSystem, body, options.WarmOrders);
            var baselineIds = await Seed(seedBaseline, body, options.WarmOrders);
            foreach (var connections in options.Connections)
            {
                using var systemHttp = Client(system.ApiAddress, connections);
                using var baselineHttp = Client(baseline.Address, connections);
                results.Add(await Compare("GET /orders/{id} (warm)", connections, options,
                    (w, ct) => Get(systemHttp, Pick(systemIds, w), ct), (w, ct) => Get(baselineHttp, Pick(baselineIds, w), ct)));
            }

            results.AddRange(await CompareFloor(baseline.Address, baselineIds, options));
            foreach (var connections in options.Connections)
            {
                results.Add(await Compare("Grain Get() via cluster client vs in-process SQLite read (no HTTP)", connections, options,
                    async (w, _) => await cluster.GetGrain<ILoanOrderGrain>(Pick(systemIds, w)).Get() is not null,
                    async (w, _) => await baseline.Read(Pick(baselineIds, w)) is not null));
            }
        }

        await host.StopAsync();
        Console.WriteLine($"Activating {options.MemoryGrains} stored orders in an in-process silo to measure memory per idle grain");
        var memory = await MemoryProbe.Run(options.MemoryGrains, body);
        var report = new BenchmarkReport(DateTimeOffset.UtcNow, Machine.Describe(), options, results, idle, memory);
        var (markdown, json) = report.Write(options.OutputDirectory);
        Console.WriteLine(File.ReadAllText(markdown));
        Console.WriteLine($"Wrote {markdown} and {json}");
        return 0;
    }

    /// <summary>
    /// The most any two-process silo + API can serve on this machine: GET / on the floor's client, one call to an
    /// empty grain, nothing read or serialized beyond "pong", beside the baseline's warm GET. The system's warm GET
    /// does that hop and more, so this row bounds its ratio from above.
    /// </summary>
    private static async Task<List<ScenarioResult>> CompareFloor(Uri baselineAddress, Guid[] baselineIds, BenchmarkOptions options)
    {
        Console.WriteLine("Starting the floor (bare ASP.NET Core + Orleans silo and client) for its GET beside the baseline's");
        await using var floor = await FloorSystem.Start();
        using (var warmup = Client(floor.ClientAddress, 32))
        {
            await ClosedLoopLoad.Run(32, TimeSpan.Zero, options.JitWarmup / 2, (_, ct) => Ping(warmup, ct));
        }

        var results = new List<ScenarioResult>();
        foreach (var connections in options.Connections)
        {
            using var floorHttp = Client(floor.ClientAddress, connections);
            using var baselineHttp = Client(baselineAddress, connections);
            results.Add(await Compare("Floor: GET / to an empty grain (bare Orleans, 2 processes) vs baseline warm GET", connections, options,
                (_, ct) => Ping(floorHttp, ct), (w, ct) => Get(baselineHttp, Pick(baselineIds, w), ct)));
        }

        return results;
    }

    private static async Task<bool> Ping(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync("/", cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>
    /// Tiered compilation goes on recompiling hot methods for tens of seconds after a process starts: perf showed
    /// the JIT threads taking 30 % of the system's CPU in the first POST windows, and still 10 % half a minute in,
    /// against a baseline with far less code to compile. Both sides get the same load first (POST, then GET of the
    /// orders it created) so that every measured window sees steady state, not start-up.
    /// </summary>
    private static async Task WarmUpJit(Uri systemAddress, Uri baselineAddress, string body, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        Console.WriteLine($"Warming up the JIT of both sides for {duration.TotalSeconds}s");
        const int Connections = 32;
        foreach (var address in new[] { systemAddress, baselineAddress })
        {
            using var http = Client(address, Connections);
            var created = new System.Collections.Concurrent.ConcurrentQueue<Guid>();
            await ClosedLoopLoad.Run(Connections, TimeSpan.Zero, duration / 2, async (_, ct) =>
            {
                if (await PostForId(http, body, ct) is not { } id)
                {
                    return false;
                }

                created.Enqueue(id);
                return true;
            });
            var ids = created.Take(1000).ToArray();
            if (ids.Length == 0)
            {
                throw new InvalidOperationException($"No order was created at {address} during the JIT warm-up.");
            }

            await ClosedLoopLoad.Run(Connections, TimeSpan.Zero, duration / 2, (w, ct) => Get(http, Pick(ids, w), ct));
        }
    }

    internal static async Task<ScenarioResult> Compare(string scenario, int connections, BenchmarkOptions options, ClosedLoopLoad.Call system, ClosedLoopLoad.Call baseline, Func<Task>? beforeEachRound = null, Func<bool>? systemExhausted = null, Func<bool>? baselineExhausted = null, Func<ScenarioResult, string>? describe = null)
    {
        var systemRounds = new List<LatencySummary>();
        var baselineRounds = new List<LatencySummary>();
        for (var round = 0; round < options.Rounds; round++)
        {
            if (beforeEachRound is not null)
            {
                await beforeEachRound();
            }

            systemRounds.Add(await ClosedLoopLoad.Run(connections, options.Warmup, options.Window, system, systemExhausted));
            baselineRounds.Add(await ClosedLoopLoad.Run(connections, options.Warmup, options.Window, baseline, baselineExhausted));
        }

        var result = new ScenarioResult(scenario, connections, LatencySummary.Median(systemRounds), LatencySummary.Median(baselineRounds));
        Console.WriteLine(describe?.Invoke(result)
            ?? $"{scenario} c={connections}: system {result.System.RequestsPerSecond:F0}/s, baseline {result.Baseline.RequestsPerSecond:F0}/s, ratio {result.ThroughputRatio:F2}");
        return result;
    }

    internal static HttpClient Client(Uri address, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromSeconds(10),
    };

    internal static async Task<bool> Post(HttpClient client, string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var response = await client.PostAsync("/orders", content, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.Created;
    }

    internal static async Task<bool> Get(HttpClient client, Guid id, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync($"/orders/{id}", cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>Stores orders through the API and reads each once, so its grain is active (warm) for the GET runs.</summary>
    private static async Task<Guid[]> Seed(HttpClient client, string body, int count)
    {
        var ids = new Guid[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            ids[i] = await PostForId(client, body, ct) ?? throw new InvalidOperationException("Seeding an order failed.");
            (await client.GetAsync($"/orders/{ids[i]}", ct)).Dispose();
        });
        return ids;
    }

    /// <summary>Places an order; its id from the Location header, or null when it was not created.</summary>
    private static async Task<Guid?> PostForId(HttpClient client, string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var response = await client.PostAsync("/orders", content, cancellationToken);
        return response.StatusCode == HttpStatusCode.Created && response.Headers.Location is { } location
            ? Guid.Parse(location.OriginalString.AsSpan("/orders/".Length))
            : null;
    }

    private static Guid Pick(Guid[] ids, int worker) => ids[Random.Shared.Next(ids.Length)];

    internal static async Task<IHost> StartClusterClient(int gatewayPort, string serviceId = ServiceId, string clusterId = ClusterId)
    {
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, serviceId, clusterId))
            .Build();
        await host.StartAsync();
        return host;
    }
}
