using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Loans.Tests.Cluster;

/// <summary>
/// A load balancer polls the API's /health/ready while silos crash one at a time (SIGKILL, alternating): as long as
/// one silo can serve, the API must stay ready, or the balancer would pull a working API. LOANS_READINESS_KILLS sets
/// how many kills (default 6).
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class ReadinessDuringKillsTests(RedisClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>Longer than the time membership takes to declare the killed silo dead with the tests' tuning.</summary>
    private static readonly TimeSpan SurvivorAlone = TimeSpan.FromSeconds(8);

    private static int Kills =>
        int.TryParse(Environment.GetEnvironmentVariable("LOANS_READINESS_KILLS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var kills) && kills > 0
            ? kills
            : 6;

    [SkippableFact]
    public async Task The_api_stays_ready_while_silos_are_killed_one_at_a_time_and_the_survivor_serves()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var cluster = fixture.Cluster;
        await cluster.EnsureHealthy();
        var probes = new ConcurrentQueue<Probe>();
        using var client = new HttpClient { BaseAddress = cluster.ApiAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var stop = new CancellationTokenSource();
        var poller = Poll(client, probes, stop.Token);

        try
        {
            for (var kill = 0; kill < Kills; kill++)
            {
                var victim = cluster.Silos[kill % cluster.Silos.Count];
                await Task.Delay(TimeSpan.FromSeconds(1));
                var killedAt = DateTime.UtcNow;
                await victim.Kill();

                // The premise: the survivor serves orders' reads through the cluster.
                await cluster.WaitUntilApiServes(TimeSpan.FromSeconds(30));
                var servedAfter = DateTime.UtcNow - killedAt;
                await Task.Delay(SurvivorAlone);
                var restartedAt = DateTime.UtcNow;
                await victim.Restart();
                foreach (var silo in cluster.Silos)
                {
                    await silo.WaitUntilActive(cluster.Silos.Count, TimeSpan.FromSeconds(90));
                }

                // The API re-reads the gateway list every 2 s here (Cluster:GatewayListRefreshPeriod): after that the
                // restarted silo is one it can reach, before its partner is killed next.
                await Task.Delay(TimeSpan.FromSeconds(3));
                var window = probes.Where(p => p.StartedAt >= killedAt).ToArray();
                output.WriteLine($"kill {kill + 1}: silo {victim.Index} at {killedAt:HH:mm:ss.fff}; reads served {servedAfter.TotalSeconds:F1} s after; " +
                                 $"{window.Length} readiness polls since, {window.Count(p => p.Status == 200)} × 200, {window.Count(p => p.Status == 503)} × 503, " +
                                 $"{window.Count(p => p.Status is not (200 or 503))} other; slowest {window.Max(p => p.Took).TotalMilliseconds:F0} ms; " +
                                 $"rejoined {(DateTime.UtcNow - restartedAt).TotalSeconds:F1} s after restart");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await poller;
            await cluster.EnsureHealthy();
        }

        var all = probes.ToArray();
        var tookMs = all.Select(p => p.Took.TotalMilliseconds).Order().ToArray();
        output.WriteLine($"{Kills} kills: {all.Length} readiness polls, {all.Count(p => p.Status == 200)} × 200, {all.Count(p => p.Status == 503)} × 503, " +
                         $"{all.Count(p => p.Status is not (200 or 503))} other; p50 {tookMs[tookMs.Length / 2]:F0} ms, p99 {tookMs[(int)(tookMs.Length * 0.99)]:F0} ms, max {tookMs[^1]:F0} ms");
        foreach (var failed in all.Where(p => p.Status != 200).Take(20))
        {
            output.WriteLine($"  {failed}");
        }

        Assert.True(all.Length >= Kills * 50, $"Only {all.Length} polls were made.");
        Assert.True(all.All(p => p.Status == 200),
            $"/health/ready was not 200 while a silo could serve: {string.Join("; ", all.Where(p => p.Status != 200).Take(10))}");
    }

    /// <summary>Starts a GET every <see cref="PollEvery"/>, whether or not the previous one has answered, as a balancer's probe does.</summary>
    private static async Task Poll(HttpClient client, ConcurrentQueue<Probe> probes, CancellationToken stop)
    {
        var inFlight = new List<Task>();
        using var timer = new PeriodicTimer(PollEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                inFlight.Add(Once(client, probes));
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(inFlight);
    }

    private static async Task Once(HttpClient client, ConcurrentQueue<Probe> probes)
    {
        var startedAt = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await client.GetAsync("/health/ready");
            var body = response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync();
            probes.Enqueue(new Probe(startedAt, (int)response.StatusCode, watch.Elapsed, body));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            probes.Enqueue(new Probe(startedAt, 0, watch.Elapsed, exception.GetType().Name));
        }
    }

    private sealed record Probe(DateTime StartedAt, int Status, TimeSpan Took, string Detail)
    {
        public override string ToString() => $"{StartedAt:HH:mm:ss.fff} {Status} in {Took.TotalMilliseconds:F0} ms {Detail}";
    }
}
