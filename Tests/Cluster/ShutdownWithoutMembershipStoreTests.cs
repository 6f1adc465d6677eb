namespace Loans.Tests.Cluster;

/// <summary>
/// A silo asked to stop while its membership store (Redis) is gone cannot record that it leaves. It must still
/// exit soon after Host:ShutdownTimeout, not after Orleans' own minute-per-step retries (two minutes measured).
/// </summary>
public class ShutdownWithoutMembershipStoreTests
{
    [SkippableFact]
    public async Task A_silo_whose_membership_store_is_gone_exits_soon_after_the_shutdown_timeout()
    {
        Skip.If(RedisServer.MissingReason is not null, RedisServer.MissingReason);
        await using var cluster = await LoansCluster.Start(siloCount: 1, new Dictionary<string, string> { ["Host__ShutdownTimeout"] = "00:00:03" });
        var silo = cluster.Silos[0];

        await cluster.StopMembershipStore();
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await silo.Stop(TimeSpan.FromSeconds(45));

        // 3 s timeout + 5 s grace, with room for a slow machine; without the deadline it takes minutes.
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(30), $"the silo took {stopping.Elapsed} to exit");
        Assert.Equal(3, silo.Process!.ExitCode);
        Assert.Contains("exiting without leaving the membership table", silo.Process.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_silo_stopped_with_its_membership_store_up_exits_cleanly()
    {
        Skip.If(RedisServer.MissingReason is not null, RedisServer.MissingReason);
        await using var cluster = await LoansCluster.Start(siloCount: 1, new Dictionary<string, string> { ["Host__ShutdownTimeout"] = "00:00:03" });
        var silo = cluster.Silos[0];

        await silo.Stop(TimeSpan.FromSeconds(30));

        Assert.Equal(0, silo.Process!.ExitCode);
        Assert.DoesNotContain("exiting without leaving the membership table", silo.Process.Output, StringComparison.Ordinal);
    }
}
