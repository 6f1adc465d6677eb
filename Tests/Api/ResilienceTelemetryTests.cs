using Loans.Tests.Observability;

namespace Loans.Tests.Api;

/// <summary>
/// The API's grain calls run through the <c>cluster-calls</c> resilience pipeline, and Polly's telemetry reaches the
/// API's Prometheus endpoint: every call ends in exactly one attempt that was not retried, so N orders add exactly N.
/// </summary>
[Collection(SystemCollection.Name)]
public class ResilienceTelemetryTests(LoansSystemFixture fixture)
{
    private const string Attempts = "resilience_polly_strategy_attempt_duration_milliseconds_count";

    [Fact]
    public async Task Each_order_is_one_final_attempt_of_the_cluster_calls_pipeline_on_the_metrics_endpoint()
    {
        var api = fixture.System.Api;
        // Past the exporter's short answer cache, so "before" includes every earlier test's calls.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var before = await FinalAttempts(api);

        for (var i = 0; i < 3; i++)
        {
            await LoansTraffic.PostSampleOrder(api);
        }

        // The exporter may answer from a short cache: read until the three calls show, or fail on more or fewer.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var after = await FinalAttempts(api);
        while (after < before + 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            after = await FinalAttempts(api);
        }

        Assert.Equal(before + 3, after);
    }

    private static async Task<double> FinalAttempts(HttpClient api) =>
        PrometheusText.Parse(await api.GetStringAsync("/metrics"))
            .Sum(Attempts, ("pipeline_name", "cluster-calls"), ("strategy_name", "transient-cluster-failures"), ("attempt_handled", "false"));
}
