using System.Diagnostics;
using Xunit.Abstractions;

namespace Loans.Tests.Cluster;

/// <summary>SIGTERM, as an orchestrator sends before replacing a process, loses no request under load.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class GracefulShutdownTests(RedisClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task A_silo_stopped_with_SIGTERM_under_load_leaves_the_cluster_without_a_failed_request()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var cluster = fixture.Cluster;
        await cluster.EnsureHealthy();
        var leaving = cluster.Silos[^1];

        await using var stream = OrderStream.Start(cluster.Api);
        await stream.WaitUntilServing(DateTime.UtcNow, successes: 10, TimeSpan.FromSeconds(30));
        var signalledAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        await leaving.Stop(ExitBound);
        output.WriteLine($"silo {leaving.Index} exited {clock.Elapsed.TotalSeconds:F1} s after SIGTERM");

        await stream.WaitUntilServing(DateTime.UtcNow, successes: 20, TimeSpan.FromSeconds(30));
        await cluster.Silos[0].WaitUntilActive(cluster.Silos.Count - 1, TimeSpan.FromSeconds(30));
        await stream.Stop();

        var during = stream.Outcomes.Where(o => o.EndedAt >= signalledAt).ToArray();
        output.WriteLine($"{during.Length} requests answered from SIGTERM on, {during.Count(o => o.Status == 201)} acknowledged");
        Assert.True(leaving.Process!.HasExited);
        Assert.Contains(during, o => o.Status == 201);
        Assert.True(stream.Failed.ToArray() is [], "A graceful silo shutdown failed requests:" + Environment.NewLine +
            string.Join(Environment.NewLine, stream.Failed.Take(20)));
    }

    [SkippableFact]
    public async Task The_api_stopped_with_SIGTERM_under_load_completes_every_request_it_accepted()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var cluster = fixture.Cluster;
        await cluster.EnsureHealthy();

        await using var stream = OrderStream.Start(cluster.Api);
        await stream.WaitUntilServing(DateTime.UtcNow, successes: 10, TimeSpan.FromSeconds(30));
        var signalledAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        await cluster.ApiProcess!.Stop(ExitBound);
        output.WriteLine($"the API exited {clock.Elapsed.TotalSeconds:F1} s after SIGTERM");
        await stream.Stop();

        // Requests sent after the API closed its listener fail to connect: they were never accepted.
        var answered = stream.Outcomes.Where(o => o.Status is not null).ToArray();
        output.WriteLine($"{answered.Length} requests answered ({answered.Count(o => o.StartedAt < signalledAt && o.EndedAt > signalledAt)} of them in flight at SIGTERM), " +
                         $"{stream.Outcomes.Count - answered.Length} refused after the listener closed");
        Assert.True(cluster.ApiProcess.HasExited);
        Assert.True(answered.All(o => o.Status == 201), "The API failed requests it had accepted while shutting down:" + Environment.NewLine +
            string.Join(Environment.NewLine, answered.Where(o => o.Status != 201).Take(20)));

        await cluster.EnsureHealthy();
    }
}
