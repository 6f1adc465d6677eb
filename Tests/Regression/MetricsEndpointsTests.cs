using Loans.Silo.Telemetry;
using Loans.Tests.Observability;

namespace Loans.Tests.Regression;

/// <summary>
/// Defects: the API counted its own scrapes and health probes in its HTTP metrics (request rate, latency, the 5xx
/// denominator); and the silo's metrics listener, on its default http://localhost:9090/, answered 404 to a
/// Prometheus that scraped it by IP (HttpListener matches the Host header against the prefix).
/// </summary>
[Collection(SystemCollection.Name)]
public class MetricsEndpointsTests(LoansSystemFixture fixture)
{
    [Fact]
    public async Task The_api_leaves_its_own_scrapes_and_health_probes_out_of_its_http_metrics()
    {
        var api = fixture.System.Api;
        for (var i = 0; i < 3; i++)
        {
            (await api.GetAsync("/metrics")).EnsureSuccessStatusCode();
            (await api.GetAsync("/health/live")).EnsureSuccessStatusCode();
            (await api.GetAsync("/health/ready")).EnsureSuccessStatusCode();
        }

        await LoansTraffic.PostSampleOrder(api);

        var samples = PrometheusText.Parse(await api.GetStringAsync("/metrics"));
        var routes = samples.Where(s => s.Name == "http_server_request_duration_seconds_count").Select(s => s.Label("http_route") ?? "").Distinct().ToList();
        Assert.Contains("/orders/", routes);
        Assert.DoesNotContain(routes, r => r.Contains("metrics", StringComparison.Ordinal) || r.Contains("health", StringComparison.Ordinal));
    }

    [Fact]
    public void The_silo_listens_for_metrics_on_every_host_name_by_default()
    {
        Assert.True(PrometheusListener.TryParse(new SiloTelemetryOptions().PrometheusListenerUrl, out var listener));
        Assert.True(listener.IsWildcard);
        Assert.Equal(9090, listener.Port);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("silo-1")]
    public async Task The_silo_answers_a_scrape_whatever_host_name_it_is_reached_by(string host)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.System.SiloMetricsAddress, "/metrics"));
        request.Headers.Host = $"{host}:{fixture.System.SiloMetricsAddress.Port}";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("loans_feature_toggle_revision", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
