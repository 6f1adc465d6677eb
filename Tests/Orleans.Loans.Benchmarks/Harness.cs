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
/// Runs each scenario against every contender in one run: the real system as two processes (Silo + Api), co-hosted
/// (one silo process serving the API), co-hosted on Orleans' own ADO.NET SQLite storage, the floors (bare Orleans,
/// two processes and one), and the in-process baseline, alternating them round by round (A/B/C/.../A/B/C/...) so
/// that the noise of a shared machine hits all alike. Ratios are to the baseline.
/// </summary>
public static class Harness
{
    public static async Task<int> Main(string[] args)
    {
        var body = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "loanOrder.json"));
        if (args is ["drive", ..])
        {
            return await Drive.Run(args, body);
        }

        var options = BenchmarkOptions.Parse(args);
        if (options.Growth is [var small, var large])
        {
            var growth = await Growth.Run(options, body, small, large);
            Directory.CreateDirectory(options.OutputDirectory);
            await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "growth.md"), growth);
            Console.WriteLine(growth);
            return 0;
        }

        if (options.Soak > TimeSpan.Zero)
        {
            await using var soaked = await LoansSystem.Start(SystemSettings(options));
            var soak = await Soak.Run(soaked, body, options.Soak, options.SoakRate, ProcessMemory.RssOf);
            Directory.CreateDirectory(options.OutputDirectory);
            await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "soak.md"), soak);
            Console.WriteLine(soak);
            return 0;
        }

        Console.WriteLine($"Starting every contender: the floor, the system as 2 processes, co-hosted, co-hosted on Orleans' ADO.NET storage, and the baseline; smoke={options.Smoke}");
        await using var floor = await FloorSystem.Start();
        await using var twoProcesses = await LoansSystem.Start(SystemSettings(options));
        await using var coHosted = await LoansSystem.Start(SystemSettings(options), LoansTopology.CoHosted);
        await using var adoNet = await LoansSystem.Start(
            new Dictionary<string, string>(SystemSettings(options)) { ["GrainStorage__Provider"] = "AdoNetSqlite" }, LoansTopology.CoHosted);
        using var baselineDirectory = new TemporaryDirectory("loans-baseline");
        await using var baseline = await BaselineServer.Start(baselineDirectory.Path);
        using var host = await StartClusterClient(twoProcesses.GatewayPort, "loan-orders-tests", "loans-tests");
        var cluster = host.Services.GetRequiredService<IClusterClient>();

        await Task.Delay(TimeSpan.FromSeconds(options.Smoke ? 0.5 : 5));
        var floorMemory = floor.Memory();
        var idle = new List<IdleMemory>
        {
            new(Contenders.TwoProcesses, ProcessMemory.Of(twoProcesses.Silo!.Id) + ProcessMemory.Of(twoProcesses.ApiProcess!.Id), "silo + API"),
            new(Contenders.CoHosted, ProcessMemory.Of(coHosted.Silo!.Id), "silo"),
            new(Contenders.AdoNet, ProcessMemory.Of(adoNet.Silo!.Id), "silo"),
            new(Contenders.FloorTwoProcesses, floorMemory.Silo + floorMemory.Client, "bare silo + bare client"),
            new(Contenders.FloorCoHosted, floorMemory.Silo, "bare silo"),
        };

        List<(string Name, Uri Address)> servers =
        [
            (Contenders.Baseline, baseline.Address),
            (Contenders.TwoProcesses, twoProcesses.ApiAddress),
            (Contenders.CoHosted, coHosted.ApiAddress),
            (Contenders.AdoNet, adoNet.ApiAddress),
        ];
        await WarmUpJit(servers, body, options.JitWarmup);
        await WarmUpFloor([floor.ClientAddress, floor.SiloAddress], options.JitWarmup);

        var results = new List<RoundRobinResult>();
        foreach (var connections in options.Connections)
        {
            var clients = Clients(servers, connections);
            results.Add(await CompareAll("POST /orders", connections, options,
                [.. clients.Select(c => (c.Name, (ClosedLoopLoad.Call)((_, ct) => Post(c.Http, body, ct))))]));
            Dispose(clients);
        }

        var warm = new Dictionary<string, Guid[]>();
        foreach (var (name, address) in servers)
        {
            using var seeding = Client(address, 8);
            warm[name] = await Seed(seeding, body, options.WarmOrders);
        }

        foreach (var connections in options.Connections)
        {
            var clients = Clients(servers, connections);
            var floors = Clients([(Contenders.FloorTwoProcesses, floor.ClientAddress), (Contenders.FloorCoHosted, floor.SiloAddress)], connections);
            results.Add(await CompareAll("GET /orders/{id} (warm)", connections, options,
            [
                .. clients.Select(c => (c.Name, (ClosedLoopLoad.Call)((w, ct) => Get(c.Http, Pick(warm[c.Name], w), ct)))),
                .. floors.Select(c => (c.Name, (ClosedLoopLoad.Call)((_, ct) => Ping(c.Http, ct)))),
            ]));
            Dispose(clients);
            Dispose(floors);
        }

        foreach (var connections in options.Connections)
        {
            results.Add(await CompareAll("Grain call vs SQLite read (no HTTP)", connections, options,
            [
                (Contenders.BaselineRead, async (w, _) => await baseline.Read(Pick(warm[Contenders.Baseline], w)) is not null),
                (Contenders.ClusterClient, async (w, _) => await cluster.GetGrain<ILoanOrderGrain>(Pick(warm[Contenders.TwoProcesses], w)).Get() is not null),
            ]));
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

    /// <summary>The settings every system contender runs with: as deployed, minus the public rate limit.</summary>
    internal static Dictionary<string, string> SystemSettings(BenchmarkOptions options)
    {
        var settings = new Dictionary<string, string>
        {
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
            settings[key] = value;
            Console.WriteLine($"System setting: {key}={value}");
        }

        return settings;
    }

    private static List<(string Name, HttpClient Http)> Clients(IEnumerable<(string Name, Uri Address)> contenders, int connections) =>
        [.. contenders.Select(c => (c.Name, Client(c.Address, connections)))];

    private static void Dispose(List<(string Name, HttpClient Http)> clients) => clients.ForEach(c => c.Http.Dispose());

    /// <summary>
    /// Every contender in turn, round by round (A, B, C, ..., A, B, C, ...), so the noise of a shared machine hits
    /// them all alike; the first is the baseline the others are divided by.
    /// </summary>
    internal static async Task<RoundRobinResult> CompareAll(string scenario, int connections, BenchmarkOptions options, IReadOnlyList<(string Name, ClosedLoopLoad.Call Call)> contenders)
    {
        var rounds = contenders.Select(_ => new List<LatencySummary>()).ToArray();
        for (var round = 0; round < options.Rounds; round++)
        {
            for (var i = 0; i < contenders.Count; i++)
            {
                rounds[i].Add(await ClosedLoopLoad.Run(connections, options.Warmup, options.Window, contenders[i].Call));
            }
        }

        var result = new RoundRobinResult(scenario, connections, [.. contenders.Select((c, i) => new ContenderResult(c.Name, LatencySummary.Median(rounds[i])))]);
        Console.WriteLine($"{scenario} c={connections}: {result.Describe()}");
        return result;
    }

    /// <summary>The floors' code is small, but it is JIT-compiled as well: both get load before they are measured.</summary>
    private static async Task WarmUpFloor(IEnumerable<Uri> addresses, TimeSpan duration)
    {
        foreach (var address in addresses)
        {
            using var warmup = Client(address, 32);
            await ClosedLoopLoad.Run(32, TimeSpan.Zero, duration / 2, (_, ct) => Ping(warmup, ct));
        }
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
    private static async Task WarmUpJit(IEnumerable<(string Name, Uri Address)> contenders, string body, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        const int Connections = 32;
        foreach (var (name, address) in contenders)
        {
            Console.WriteLine($"Warming up the JIT of {name} for {duration.TotalSeconds}s");
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

    internal static async Task<ScenarioResult> Compare(string scenario, int connections, BenchmarkOptions options, ClosedLoopLoad.Call system, ClosedLoopLoad.Call baseline, Func<ScenarioResult, string>? describe = null)
    {
        var systemRounds = new List<LatencySummary>();
        var baselineRounds = new List<LatencySummary>();
        for (var round = 0; round < options.Rounds; round++)
        {
            systemRounds.Add(await ClosedLoopLoad.Run(connections, options.Warmup, options.Window, system));
            baselineRounds.Add(await ClosedLoopLoad.Run(connections, options.Warmup, options.Window, baseline));
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
    internal static async Task<Guid[]> Seed(HttpClient client, string body, int count)
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

    internal static async Task<IHost> StartClusterClient(int gatewayPort, string serviceId, string clusterId)
    {
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, serviceId, clusterId))
            .Build();
        await host.StartAsync();
        return host;
    }
}
