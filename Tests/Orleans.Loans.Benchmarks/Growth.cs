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
    private static readonly TimeSpan ColdReadWarmup = TimeSpan.FromSeconds(0.25);

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
            // Every round starts with no order grain active and reads its store's read set in a fresh random order
            // without repeats, so each read activates a grain from SQLite. Both stores stop a round after as many
            // reads as the small one holds: past that, the small store's reads would hit grains it already activated
            // and flatter it. A short warm-up leaves most of that budget to the measured window.
            var coldReads = options with { Warmup = TimeSpan.FromTicks(Math.Min(options.Warmup.Ticks, ColdReadWarmup.Ticks)) };
            var get = await Harness.Compare("GET /orders/{id} (stored, cold)", connections, coldReads,
                (_, ct) => Harness.Get(smallHttp, smallSystem.NextUnread(), ct), (_, ct) => Harness.Get(largeHttp, largeSystem.NextUnread(), ct),
                beforeEachRound: async () => await Task.WhenAll(smallSystem.DeactivateAll(), largeSystem.DeactivateAll()),
                systemExhausted: () => smallSystem.ReadsThisRound >= small,
                baselineExhausted: () => largeSystem.ReadsThisRound >= small,
                describe: result => Describe(result, small, large));
            results.Add(new GrowthResult(get.Scenario, connections, get.System, get.Baseline));
        }

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Cost growth, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Machine.Describe().Cores} cores: {small:N0} vs {large:N0} stored orders.")
            .AppendLine(CultureInfo.InvariantCulture, $"Closed loop; warm-up {options.Warmup.TotalSeconds}s, window {options.Window.TotalSeconds}s, {options.Rounds} alternated round(s), medians.")
            .AppendLine(CultureInfo.InvariantCulture, $"Cold reads: warm-up at most {ColdReadWarmup.TotalSeconds}s; both stores read the same {small:N0} orders of theirs each round (the large one a random sample over its whole file), each once, so their windows may be shorter.")
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
