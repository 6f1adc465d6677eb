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
        var before = await Read(api);

        for (var i = 0; i < 3; i++)
        {
            await LoansTraffic.PostSampleOrder(api);
        }

        // The exporter may answer from a short cache: read until the scrape counts the three orders, so the same
        // scrape would count their grain calls' attempts too, had they entered the pipeline.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var after = await Read(api);
        while (after.Orders < before.Orders + 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            after = await Read(api);
        }

        Assert.Equal(before.Orders + 3, after.Orders);
        Assert.Equal(before.Attempts, after.Attempts);
    }

    private static async Task<(double Orders, double Attempts)> Read(HttpClient api)
    {
        var samples = PrometheusText.Parse(await api.GetStringAsync("/metrics"));
        return (
            samples.Sum("http_server_request_duration_seconds_count", ("http_request_method", "POST"), ("http_route", "/orders/"), ("http_response_status_code", "201")),
            samples.Sum(AttemptCount, ("pipeline_name", "cluster-calls"), ("strategy_name", "transient-cluster-failures")));
    }
}
