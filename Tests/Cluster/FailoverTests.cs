using System.Globalization;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Loans.Tests.Cluster;

/// <summary>
/// Silos crash (SIGKILL), alternately, while 8 clients keep ordering. The API retries what the dead silo left
/// unanswered on the survivor within each request's budget (Api:RequestTimeout), so: no acknowledged order is lost,
/// no request fails with anything but 503 problem details with Retry-After (never 500, never hangs), at least
/// 99.9 % of the orders are acknowledged with 201, and orders never stop being acknowledged for more than 2 s after a
/// kill (nor while the silo rejoins, in the long mode). LOANS_FAILOVER_KILLS sets how many kills (default 3; the long
/// mode in docs/cluster.md runs 20 or more).
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class FailoverTests(RedisClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(20);
    /// <summary>After a kill: the survivor takes over each request within its per-attempt timeout.</summary>
    private static readonly TimeSpan LongestGapBound = TimeSpan.FromSeconds(2);

    /// <summary>
    /// While a restarted silo joins, directory requests for grains in the range it takes over are, most likely, forwarded
    /// 200 ms apart until both silos see the same membership (Orleans' LocalGrainDirectory; docs/cluster.md), not
    /// its cold code: a warm-up before joining did not shorten it. The long mode, run on its own as the done-when of
    /// issue 16 asks, holds it to the same 2 s as a kill; the default run shares the machine with the whole suite
    /// (1.5–2.4 s measured there, 5.5 s at load average 60), so it is bounded apart, at 6 s.
    /// </summary>
    private static TimeSpan RejoinGapBound => Kills >= LongModeKills ? LongestGapBound : TimeSpan.FromSeconds(6);

    /// <summary>From this many kills on, the run is the long mode of docs/cluster.md.</summary>
    private const int LongModeKills = 20;
    private const double AcknowledgedShareBound = 0.999;
    private const int Clients = 8;

    /// <summary>Longer than the API's request budget (5 s), so every request in flight at the kill has been answered.</summary>
    private static readonly TimeSpan SurvivorAlone = TimeSpan.FromSeconds(7);

    private static int Kills =>
        int.TryParse(Environment.GetEnvironmentVariable("LOANS_FAILOVER_KILLS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var kills) && kills > 0
            ? kills
            : 3;

    [SkippableFact]
    public async Task Every_acknowledged_order_survives_silos_killed_mid_stream_and_the_api_serves_again_within_20_seconds()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var cluster = fixture.Cluster;
        await cluster.EnsureHealthy();
        var recoveries = new List<TimeSpan>();
        var kills = new List<(DateTime KilledAt, DateTime RestartedAt)>();
        var killGaps = new List<(TimeSpan Length, DateTime From)>();

        await using (var stream = OrderStream.Start(cluster.Api, Clients))
        {
            await stream.WaitUntilServing(DateTime.UtcNow, successes: 10, TimeSpan.FromSeconds(30));
            for (var kill = 0; kill < Kills; kill++)
            {
                var victim = cluster.Silos[kill % cluster.Silos.Count];
                await Task.Delay(TimeSpan.FromSeconds(1));
                var killedAt = DateTime.UtcNow;
                await victim.Kill();

                await stream.WaitUntilServing(killedAt, successes: 20, RecoveryBound + TimeSpan.FromSeconds(30));

                await Task.Delay(SurvivorAlone);
                var restartedAt = DateTime.UtcNow;
                kills.Add((killedAt, restartedAt));
                var window = stream.Outcomes.Where(o => o.EndedAt >= killedAt && o.EndedAt < restartedAt).ToArray();
                var lastFailure = window.Where(o => o.Status != 201).Select(o => (DateTime?)o.EndedAt).Max();
                var recovery = lastFailure is { } end ? end - killedAt : TimeSpan.Zero;
                recoveries.Add(recovery);
                var killGap = LongestGap(stream.Acknowledged.Where(o => o.EndedAt >= killedAt.AddSeconds(-1) && o.EndedAt < restartedAt).ToArray());
                killGaps.Add(killGap);
                output.WriteLine($"kill {kill + 1}: silo {victim.Index} SIGKILLed at {killedAt:HH:mm:ss.fff}; {window.Count(o => o.Status != 201)} of {window.Length} " +
                                 $"requests failed; last failure answered {recovery.TotalSeconds:F1} s after the kill; no 201 for {killGap.Length.TotalSeconds:F2} s at most");
                Assert.True(recovery <= RecoveryBound, $"kill {kill + 1}: the API kept failing for {recovery} after silo {victim.Index} was killed.");

                await victim.Restart();
                foreach (var silo in cluster.Silos)
                {
                    await silo.WaitUntilActive(cluster.Silos.Count, TimeSpan.FromSeconds(90));
                }

                var rejoinGap = LongestGap(stream.Acknowledged.Where(o => o.EndedAt >= restartedAt).ToArray());
                output.WriteLine($"        silo {victim.Index} rejoined {(DateTime.UtcNow - restartedAt).TotalSeconds:F1} s after its restart; " +
                                 $"{stream.Failed.Count(o => o.EndedAt >= restartedAt)} requests failed meanwhile; no 201 for {rejoinGap.Length.TotalSeconds:F2} s at most");
            }

            await stream.Stop();

            var all = stream.Outcomes;
            var failures = stream.Failed.ToArray();
            var acknowledged = stream.Acknowledged.ToArray();
            var share = (double)acknowledged.Length / all.Count;
            var gap = LongestGap(acknowledged);
            var duringKills = all.Where(o => kills.Any(k => o.StartedAt >= k.KilledAt && o.StartedAt < k.RestartedAt)).Select(o => o.EndedAt - o.StartedAt).ToArray();
            output.WriteLine($"{Kills} kills, {all.Count} orders sent by {Clients} clients: {acknowledged.Length} x 201 ({share:P3}), " +
                             $"{failures.Count(f => f.Status == 503)} x 503, {failures.Count(f => f.Status is >= 500 and not 503)} x other 5xx, " +
                             $"{failures.Count(f => f.Status is null)} without an answer; recovery times: " +
                             string.Join(", ", recoveries.Select(r => $"{r.TotalSeconds:F1} s")));
            output.WriteLine($"longest span without an acknowledged order: {gap.Length.TotalSeconds:F2} s (from {gap.From:HH:mm:ss.fff}); " +
                             $"latency of the {duringKills.Length} orders sent while a silo was dead: p50 {Percentile(duringKills, 0.50).TotalMilliseconds:F0} ms, " +
                             $"p99 {Percentile(duringKills, 0.99).TotalMilliseconds:F0} ms, max {Percentile(duringKills, 1).TotalMilliseconds:F0} ms; " +
                             $"all orders: p99 {Percentile(all.Select(o => o.EndedAt - o.StartedAt).ToArray(), 0.99).TotalMilliseconds:F0} ms");
            foreach (var failure in failures.Take(50))
            {
                output.WriteLine($"  failed: {failure}");
            }

            // Losing an order is the worst outcome: checked (and reported) before the bounds on availability.
            await AssertEveryAcknowledgedOrderIsStored(cluster, acknowledged);
            Assert.True(failures.All(f => f.IsRetryableUnavailable),
                "Every failed request must be 503 problem+json with Retry-After:" + Environment.NewLine +
                string.Join(Environment.NewLine, failures.Where(f => !f.IsRetryableUnavailable).Take(20)));
            Assert.True(share >= AcknowledgedShareBound, $"Only {share:P3} of the orders were acknowledged (at least {AcknowledgedShareBound:P1} must be).");
            var afterKill = killGaps.MaxBy(g => g.Length);
            Assert.True(afterKill.Length <= LongestGapBound, $"After a kill, no order was acknowledged for {afterKill.Length} from {afterKill.From:HH:mm:ss.fff} (at most {LongestGapBound}).");
            Assert.True(gap.Length <= RejoinGapBound, $"No order was acknowledged for {gap.Length} from {gap.From:HH:mm:ss.fff} (at most {RejoinGapBound} while a silo rejoins).");
        }
    }

    /// <summary>The longest time between two acknowledgements in a row (by when their answers arrived).</summary>
    private static (TimeSpan Length, DateTime From) LongestGap(IReadOnlyList<OrderStream.Outcome> acknowledged)
    {
        var ends = acknowledged.Select(o => o.EndedAt).Order().ToArray();
        var longest = (Length: TimeSpan.Zero, From: ends.FirstOrDefault());
        for (var i = 1; i < ends.Length; i++)
        {
            if (ends[i] - ends[i - 1] > longest.Length)
            {
                longest = (ends[i] - ends[i - 1], ends[i - 1]);
            }
        }

        return longest;
    }

    private static TimeSpan Percentile(IReadOnlyList<TimeSpan> values, double rank)
    {
        if (values.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(rank * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private async Task AssertEveryAcknowledgedOrderIsStored(LoansCluster cluster, IReadOnlyList<OrderStream.Outcome> acknowledged)
    {
        Assert.NotEmpty(acknowledged);
        var lost = new List<string>();
        var retried = 0;
        foreach (var order in acknowledged)
        {
            var (status, body, attempts) = await ReadAsAClientWould(cluster.Api, order.OrderId);
            retried += attempts - 1;
            if (status != HttpStatusCode.OK || JsonNode.Parse(body)?["status"]?.GetValue<string>() != order.OrderStatus)
            {
                lost.Add($"{order.OrderId} acknowledged as {order.OrderStatus}, now {(int)status} after {attempts} attempt(s): {body}");
            }
        }

        output.WriteLine($"read back {acknowledged.Count} acknowledged orders; {retried} reads answered 503 and were retried");
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged orders were lost or changed:{Environment.NewLine}{string.Join(Environment.NewLine, lost.Take(20))}");
    }

    /// <summary>
    /// Reads an order as a client honouring the API's answers would: a 503 says "retry after Retry-After" (a read
    /// that did not finish within the cluster's response timeout on a loaded machine), not "lost"; a lost order
    /// answers 404, and a changed one another status, which no retry hides.
    /// </summary>
    private static async Task<(HttpStatusCode Status, string Body, int Attempts)> ReadAsAClientWould(HttpClient api, string? orderId)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            using var response = await api.GetAsync($"/orders/{orderId}");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == attempts)
            {
                return (response.StatusCode, body, attempt);
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta is { } delta && delta < TimeSpan.FromSeconds(5) ? delta : TimeSpan.FromSeconds(1));
        }
    }
}
