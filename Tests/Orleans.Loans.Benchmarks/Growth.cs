using System.Globalization;
using System.Text;
using Loans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;

namespace Loans.Benchmarks;

/// <summary>One scenario on a small and a large store: the medians of their alternated rounds.</summary>
public sealed record GrowthResult(string Scenario, int Connections, LatencySummary Small, LatencySummary Large)
{
    public double ThroughputRatio => Small.RequestsPerSecond == 0 ? 0 : Large.RequestsPerSecond / Small.RequestsPerSecond;
}

/// <summary>
/// How cost grows with the store: two complete systems side by side, one holding a small number of orders and
/// one a large number, driven alternately (small, large, small, large) with the same load. New orders and reads
/// of stored orders whose grains are not active (so each read goes to SQLite) are compared.
/// </summary>
public static class Growth
{
    private static readonly TimeSpan ColdReadWarmup = TimeSpan.FromSeconds(0.05);
    private const int ColdReadRounds = 15;

    public static async Task<string> Run(BenchmarkOptions options, string body, int small, int large)
    {
        // The settings of every other contender: Production, and no public rate limit (with it, most of the
        // growth run's POSTs were answered 429 at 500/s and the POST ratio measured the limiter).
        var settings = Harness.SystemSettings(options);
        await using var smallSystem = await Prefilled(small, small, body, settings);
        await using var largeSystem = await Prefilled(large, small, body, settings);
        var results = new List<GrowthResult>();
        foreach (var connections in options.Connections)
        {
            using var smallHttp = Harness.Client(smallSystem.System.ApiAddress, connections);
            using var largeHttp = Harness.Client(largeSystem.System.ApiAddress, connections);
            var post = await Harness.Compare($"POST /orders", connections, options,
                (_, ct) => Harness.Post(smallHttp, body, ct), (_, ct) => Harness.Post(largeHttp, body, ct),
                describe: result => Describe(result, small, large));
            results.Add(new GrowthResult(post.Scenario, connections, post.System, post.Baseline));
            var get = await ColdReads(connections, options, small, large, smallSystem, smallHttp, largeSystem, largeHttp);
            results.Add(get);
        }

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Cost growth, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Machine.Describe().Cores} cores: {small:N0} vs {large:N0} stored orders.")
            .AppendLine(CultureInfo.InvariantCulture, $"Closed loop; warm-up {options.Warmup.TotalSeconds}s, window {options.Window.TotalSeconds}s, {options.Rounds} alternated round(s), medians.")
            .AppendLine(CultureInfo.InvariantCulture, $"Cold reads: at least {ColdReadRounds} rounds, each store's right after its own grains were deactivated; warm-up at most {ColdReadWarmup.TotalSeconds}s; both stores read the same {small:N0} orders of theirs each round (the large one a random sample over its whole file), each once, so their windows may be shorter.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"| Scenario | Conns | req/s at {small:N0} | req/s at {large:N0} | Ratio | p99 ms at {small:N0} | p99 ms at {large:N0} | Errors |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {r.Connections} | {r.Small.RequestsPerSecond:F0} | {r.Large.RequestsPerSecond:F0} | {r.ThroughputRatio:F2} | {r.Small.P99Ms:F2} | {r.Large.P99Ms:F2} | {r.Small.Errors}/{r.Large.Errors} |");
        }

        return report.ToString();
    }

    /// <summary>
    /// Reads of stored orders whose grains are not active, alternated small, large, small, large. Each store's
    /// round starts right after its own grains were deactivated and settled, so neither reads while the other's
    /// deactivations still run, and each reads its read set in a fresh random order without repeats, so every
    /// read activates a grain from SQLite. A round ends after as many reads as the small store holds: past that,
    /// the small store would read grains it already activated and flatter itself. That makes a round short (well
    /// under a second at 10,000 orders), so there are at least <see cref="ColdReadRounds"/> of them and the
    /// medians are taken, and its warm-up is 50 ms (the connections are open and the code is warm by then), which
    /// leaves most of the reads to the measured window: with 250 ms, 40 % of them went to the warm-up.
    /// </summary>
    private static async Task<GrowthResult> ColdReads(int connections, BenchmarkOptions options, int small, int large,
        PrefilledSystem smallSystem, HttpClient smallHttp, PrefilledSystem largeSystem, HttpClient largeHttp)
    {
        var warmup = TimeSpan.FromTicks(Math.Min(options.Warmup.Ticks, ColdReadWarmup.Ticks));
        var smallRounds = new List<LatencySummary>();
        var largeRounds = new List<LatencySummary>();
        for (var round = 0; round < Math.Max(options.Rounds, ColdReadRounds); round++)
        {
            await smallSystem.DeactivateAll();
            smallRounds.Add(await ClosedLoopLoad.Run(connections, warmup, options.Window,
                (_, ct) => Harness.Get(smallHttp, smallSystem.NextUnread(), ct), () => smallSystem.ReadsThisRound >= small));
            await largeSystem.DeactivateAll();
            largeRounds.Add(await ClosedLoopLoad.Run(connections, warmup, options.Window,
                (_, ct) => Harness.Get(largeHttp, largeSystem.NextUnread(), ct), () => largeSystem.ReadsThisRound >= small));
        }

        var result = new GrowthResult("GET /orders/{id} (stored, cold)", connections, LatencySummary.Median(smallRounds), LatencySummary.Median(largeRounds));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Scenario} c={connections}: {result.Small.RequestsPerSecond:F0}/s at {small:N0} stored, {result.Large.RequestsPerSecond:F0}/s at {large:N0}, ratio {result.ThroughputRatio:F2}; rounds {string.Join(" ", smallRounds.Zip(largeRounds, (s, l) => (l.RequestsPerSecond / s.RequestsPerSecond).ToString("F2", CultureInfo.InvariantCulture)))}"));
        return result;
    }

    /// <summary>The console line for one comparison, in the report's terms: the large store against the small one.</summary>
    private static string Describe(ScenarioResult result, int small, int large)
    {
        var growth = new GrowthResult(result.Scenario, result.Connections, result.System, result.Baseline);
        return string.Create(CultureInfo.InvariantCulture,
            $"{growth.Scenario} c={growth.Connections}: {growth.Small.RequestsPerSecond:F0}/s at {small:N0} stored, {growth.Large.RequestsPerSecond:F0}/s at {large:N0}, ratio {growth.ThroughputRatio:F2}");
    }

    private static async Task<PrefilledSystem> Prefilled(int orders, int readSetSize, string body, IReadOnlyDictionary<string, string> settings)
    {
        var system = new LoansSystem(settings);
        // The first start creates the schema; the orders are then written while the processes are down.
        await system.StartProcesses();
        await system.StopProcesses();
        // Ids as the API makes them, with creation times spread over the past year, as a store that grew to
        // this size would hold them; new orders then land after all of them, as they would in production.
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, orders).Select(_ => LoanOrderIds.CreatedAt(now - TimeSpan.FromDays(365 * Random.Shared.NextDouble()))).ToArray();
        Console.WriteLine($"Writing {orders:N0} stored orders");
        StoredOrderPrefill.Insert(Path.Combine(system.DataDirectory, "data", "loans.db"), ids, body);
        await system.StartProcesses();
        var client = await Harness.StartClusterClient(system.GatewayPort, "loan-orders-tests", "loans-tests");
        // Both stores read the same number of distinct orders, each once a round: the small store cannot offer
        // fresh ones round after round, so the large one reads a fixed random sample of its own, as many as the
        // small store holds, spread over its whole file. Only the store's size then differs (earlier runs read
        // fresh orders from the large store only, whose data no earlier round had brought into any cache).
        return new PrefilledSystem(system, ids[..Math.Min(orders, readSetSize)], client);
    }

    private sealed class PrefilledSystem(LoansSystem system, Guid[] readSet, IHost client) : IAsyncDisposable
    {
        private long cursor = -1;

        public LoansSystem System => system;

        public long ReadsThisRound => Interlocked.Read(ref cursor) + 1;

        public Guid NextUnread() => readSet[(int)(Interlocked.Increment(ref cursor) % readSet.Length)];

        /// <summary>Deactivates every idle grain and starts a new unrepeated reading order.</summary>
        public async Task DeactivateAll()
        {
            Random.Shared.Shuffle(readSet);
            Interlocked.Exchange(ref cursor, -1);
            var management = client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
            await management.ForceActivationCollection(TimeSpan.Zero);
            // Settled: no order grain left to deactivate (deactivations finish after the call returns), then a
            // pause for what they leave behind (directory updates, garbage).
            var orders = GrainType.Create("loanorder");
            for (var wait = 0; wait < 100 && (await management.GetActiveGrains(orders)).Count > 0; wait++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        public async ValueTask DisposeAsync()
        {
            await client.StopAsync();
            client.Dispose();
            await system.DisposeAsync();
        }
    }
}
