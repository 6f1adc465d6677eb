using Loans.Tests.Observability;

namespace Loans.Tests.Cluster;

/// <summary>
/// A restarted silo runs its order path once before it joins (Silo:WarmUpTimeout), so the first orders placed on it
/// do not wait for code to compile, and the warm-up is invisible to the business: no verification, toggle evaluation
/// or order is counted for it.
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RejoinWarmUpTests(RedisClusterFixture fixture)
{
    [SkippableFact]
    public async Task A_restarted_silo_warms_up_before_it_starts_serving_and_counts_nothing_for_it()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var cluster = fixture.Cluster;
        await cluster.EnsureHealthy();
        var silo = cluster.Silos[^1];

        await silo.Kill();
        await silo.Restart();
        await silo.WaitUntilActive(cluster.Silos.Count, TimeSpan.FromSeconds(90));

        var output = silo.Process!.Output;
        var warmedUp = output.IndexOf("Warmed up the order path in", StringComparison.Ordinal);
        var started = output.IndexOf("Application started", StringComparison.Ordinal);
        Assert.True(warmedUp >= 0, $"The restarted silo did not report a warm-up:{Environment.NewLine}{output}");
        Assert.True(started > warmedUp, $"The silo must warm up before its host reports it started:{Environment.NewLine}{output}");

        using var scraper = new HttpClient();
        var metrics = PrometheusText.Parse(await scraper.GetStringAsync(silo.MetricsAddress));
        // The business series start at zero, so their absence would not pass for "nothing counted".
        Assert.Contains(metrics, sample => sample.Name == "loans_feature_toggle_evaluations_total");
        Assert.Contains(metrics, sample => sample.Name == "loans_orders_total");
        Assert.Equal(0, metrics.Sum("loans_customer_verification_duration_seconds_count"));
        Assert.Equal(0, metrics.Sum("loans_feature_toggle_evaluations_total"));
        Assert.Equal(0, metrics.Sum("loans_orders_total"));
    }
}
