using System.Diagnostics;
using Xunit.Abstractions;

namespace Loans.Tests.Cluster;

/// <summary>
/// A crashed silo's port refuses connections at once, and the survivor declares it dead on that evidence
/// (Cluster:DeclareDeadOnRefusedConnection) instead of after missed probes: until then the dead silo owns its share
/// of the grain directory and new orders whose ids fall there wait. Both clusters probe slowly (10 s, 3 missed:
/// at least 20 s), so only the refusal can explain a declaration within seconds.
/// </summary>
public sealed class CrashDetectionTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> SlowProbes = new()
    {
        ["Cluster__ProbeTimeout"] = "00:00:10",
        ["Cluster__NumMissedProbesLimit"] = "3",
    };

    private static readonly TimeSpan DeclaredWithin = TimeSpan.FromSeconds(5);

    [SkippableFact]
    public async Task A_killed_silo_is_declared_dead_by_every_survivor_within_seconds_although_probes_would_take_twenty()
    {
        Skip.If(RedisServer.MissingReason is not null, RedisServer.MissingReason);
        await using var cluster = await LoansCluster.Start(siloCount: 3, extraSettings: SlowProbes);
        var victim = cluster.Silos[2];
        var survivors = cluster.Silos.Take(2).ToArray();

        var sinceKill = Stopwatch.StartNew();
        await victim.Kill();
        foreach (var survivor in survivors)
        {
            await survivor.WaitUntilActive(2, DeclaredWithin);
        }

        output.WriteLine($"declared dead {sinceKill.Elapsed.TotalMilliseconds:F0} ms after the kill, as seen on both survivors' /health/ready");
        Assert.InRange(sinceKill.Elapsed, TimeSpan.Zero, DeclaredWithin);
        Assert.Contains(survivors, survivor => survivor.Process!.Output.Contains("refuses connections", StringComparison.Ordinal));
        using var order = await cluster.Api.PostJson("/orders", Fixtures.LoanOrderJson);
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
    }

    [SkippableFact]
    public async Task Switched_off_the_survivor_waits_for_missed_probes()
    {
        Skip.If(RedisServer.MissingReason is not null, RedisServer.MissingReason);
        await using var cluster = await LoansCluster.Start(extraSettings: new Dictionary<string, string>(SlowProbes)
        {
            ["Cluster__DeclareDeadOnRefusedConnection"] = "false",
        });
        var (survivor, victim) = (cluster.Silos[0], cluster.Silos[1]);

        await victim.Kill();
        await Task.Delay(DeclaredWithin);

        await survivor.WaitUntilActive(2, TimeSpan.FromSeconds(1));
        Assert.DoesNotContain("refuses connections", survivor.Process!.Output, StringComparison.Ordinal);
    }
}
