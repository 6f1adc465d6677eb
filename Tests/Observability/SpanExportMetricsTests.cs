namespace Loans.Tests.Observability;

/// <summary>
/// Spans the exporter could not deliver are counted (loans_telemetry_spans_exported_total, alert SpansDropped),
/// and spans it delivered are counted exactly as the collector received them.
/// </summary>
public class SpanExportMetricsTests
{
    [Fact]
    public async Task Spans_sent_to_a_collector_that_is_not_there_are_counted_as_failures_by_both_processes()
    {
        // A port nobody listens on: every batch fails at once with "connection refused".
        var nowhere = new Uri($"http://127.0.0.1:{FreePort.Next()}/api/v2/spans");
        await using var system = await LoansSystem.Start(Settings(nowhere));

        await LoansTraffic.PostSampleOrder(system.Api);

        var (silo, api) = await Scrape(system, samples =>
            samples.Sum("loans_telemetry_spans_exported_total", ("exporter", "zipkin"), ("result", "failure")) > 0);
        Assert.Equal(0, silo.Sum("loans_telemetry_spans_exported_total", ("result", "success")));
        Assert.Equal(0, api.Sum("loans_telemetry_spans_exported_total", ("result", "success")));
    }

    [Fact]
    public async Task Spans_a_collector_received_are_counted_as_delivered_one_for_one()
    {
        await using var collector = await ZipkinCollector.Start();
        await using var system = await LoansSystem.Start(Settings(collector.Endpoint));

        await LoansTraffic.PostSampleOrder(system.Api);
        // The API's root span ends last; once it arrived, both processes exported the order's trace.
        await collector.WaitFor(all => all.Any(s => s.ParentId() is null), TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1));

        using var scraper = new HttpClient();
        var silo = PrometheusText.Parse(await scraper.GetStringAsync(new Uri(system.SiloMetricsAddress, "/metrics")));
        var api = PrometheusText.Parse(await scraper.GetStringAsync(new Uri(system.ApiAddress, "/metrics")));
        var received = collector.Spans;
        Assert.Equal(received.Count(s => s.Service() == "loan-orders-silo"), silo.Sum("loans_telemetry_spans_exported_total", ("exporter", "zipkin"), ("result", "success")));
        Assert.Equal(received.Count(s => s.Service() == "loan-orders-api"), api.Sum("loans_telemetry_spans_exported_total", ("exporter", "zipkin"), ("result", "success")));
        Assert.Equal(0, silo.Sum("loans_telemetry_spans_exported_total", ("result", "failure")) + api.Sum("loans_telemetry_spans_exported_total", ("result", "failure")));
    }

    private static Dictionary<string, string> Settings(Uri zipkin) => new(AdminCredentials.Settings)
    {
        ["Telemetry__Exporter"] = "Zipkin",
        ["Telemetry__ZipkinEndpoint"] = zipkin.ToString(),
        ["Telemetry__ExportInterval"] = "00:00:00.100",
        ["Telemetry__TraceSampleRatio"] = "1",
    };

    private static async Task<(IReadOnlyList<PrometheusSample> Silo, IReadOnlyList<PrometheusSample> Api)> Scrape(
        LoansSystem system, Func<IReadOnlyList<PrometheusSample>, bool> done)
    {
        using var scraper = new HttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var silo = PrometheusText.Parse(await scraper.GetStringAsync(new Uri(system.SiloMetricsAddress, "/metrics")));
            var api = PrometheusText.Parse(await scraper.GetStringAsync(new Uri(system.ApiAddress, "/metrics")));
            if ((done(silo) && done(api)) || DateTime.UtcNow > deadline)
            {
                Assert.True(done(silo), "The silo did not count its undelivered spans.");
                Assert.True(done(api), "The API did not count its undelivered spans.");
                return (silo, api);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }
}
