using Loans.Tests.Observability;

namespace Loans.Tests.Api;

/// <summary>
/// A grain call answered at its first attempt never enters the <c>cluster-calls</c> pipeline (see ClusterCallsTests
/// for the calls that do): on the API's Prometheus endpoint, Polly's attempt count stays where it was while orders
/// are placed, so the pipeline's metrics count only the calls that needed it.
/// </summary>
[Collection(SystemCollection.Name)]
public class ResilienceTelemetryTests(LoansSystemFixture fixture)
{
    private const string AttemptCount = "resilience_polly_strategy_attempt_duration_milliseconds_count";

    [Fact]
    public async Task Orders_answered_at_the_first_attempt_add_no_attempt_to_the_pipelines_metrics()
    {
        var api = fixture.System.Api;
        // Past the exporter's short answer cache, so "before" includes every earlier test's calls.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var before = await Attempts(api);

        for (var i = 0; i < 3; i++)
        {
            await LoansTraffic.PostSampleOrder(api);
        }

        // Past the exporter's cache again, so "after" would include these orders' attempts had they entered the pipeline.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(before, await Attempts(api));
    }

    private static async Task<double> Attempts(HttpClient api) =>
        PrometheusText.Parse(await api.GetStringAsync("/metrics"))
            .Sum(AttemptCount, ("pipeline_name", "cluster-calls"), ("strategy_name", "transient-cluster-failures"));
}
