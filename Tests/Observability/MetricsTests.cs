using System.Net.Http.Headers;

namespace Loans.Tests.Observability;

/// <summary>The Prometheus endpoints of the real silo and API count exactly the traffic they served.</summary>
public class MetricsTests
{
    [Fact]
    public async Task Verification_histogram_and_order_counters_match_the_traffic()
    {
        await using var system = await LoansSystem.Start(AdminCredentials.Settings);
        AdminCredentials.Authorize(system.Api);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("VERIFIED", await LoansTraffic.PostSampleOrder(system.Api));
        }

        await LoansTraffic.SetNewVerification(system.Api, enabled: true);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("REJECTED", await LoansTraffic.PostSampleOrder(system.Api));
        }

        await LoansTraffic.SetNewVerification(system.Api, enabled: false);

        using var scraper = new HttpClient();
        var silo = PrometheusText.Parse(await scraper.GetStringAsync(new Uri(system.SiloMetricsAddress, "/metrics")));
        Assert.Equal(3, silo.Sum("loans_customer_verification_duration_seconds_count", ("result", "passed")));
        Assert.Equal(2, silo.Sum("loans_customer_verification_duration_seconds_count", ("result", "failed")));
        Assert.Equal(3, silo.Sum("loans_orders_total", ("status", "verified")));
        Assert.Equal(2, silo.Sum("loans_orders_total", ("status", "rejected")));
        Assert.Equal(2, silo.Sum("loans_feature_toggle_revision", ("toggle", FeatureNames.NewVerification)));
        Assert.Equal(2, silo.Sum("loans_feature_toggle_last_change", ("toggle", FeatureNames.NewVerification), ("from", "ON"), ("to", "OFF"), ("changed_by", "admin-api-key")));
        Assert.Equal(3, silo.Sum("loans_feature_toggle_evaluations_total", ("toggle", FeatureNames.NewVerification), ("variant", "off")));
        Assert.Equal(2, silo.Sum("loans_feature_toggle_evaluations_total", ("toggle", FeatureNames.NewVerification), ("variant", "on")));
        Assert.Equal(5, silo.Sum("loans_customer_verification_duration_seconds_bucket", ("le", "+Inf")));
        Assert.True(silo.Sum("orleans_catalog_activations", ("grain_type", "loanorder")) >= 1, "Orleans activation metrics are missing.");
        Assert.True(silo.Sum("orleans_app_requests_latency_milliseconds_count") >= 10, "Orleans grain call metrics are missing.");
        Assert.Contains(silo, s => s.Name == "dotnet_gc_collections_total");
        Assert.Contains(silo, s => s.Name == "dotnet_process_memory_working_set_bytes");

        var api = PrometheusText.Parse(await scraper.GetStringAsync(new Uri(system.ApiAddress, "/metrics")));
        Assert.Equal(5, api.Sum("http_server_request_duration_seconds_count", ("http_request_method", "POST"), ("http_route", "/orders/"), ("http_response_status_code", "201")));
        Assert.Equal(2, api.Sum("http_server_request_duration_seconds_count", ("http_request_method", "PUT"), ("http_route", "/features/{name}"), ("http_response_status_code", "200")));
        Assert.Contains(api, s => s.Name == "dotnet_gc_collections_total");
        Assert.Contains(api, s => s.Name.StartsWith("orleans_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shadow_rejections_and_synthetic_orders_are_counted_apart_from_business_orders()
    {
        await using var system = await LoansSystem.Start(AdminCredentials.Settings);
        AdminCredentials.Authorize(system.Api);

        await LoansTraffic.SetNewVerificationMode(system.Api, "SHADOW");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("VERIFIED", await LoansTraffic.PostSampleOrder(system.Api));
        }

        await LoansTraffic.PostSyntheticOrder(system.Api);
        await LoansTraffic.SetNewVerification(system.Api, enabled: false);

        using var scraper = new HttpClient();
        var silo = PrometheusText.Parse(await scraper.GetStringAsync(new Uri(system.SiloMetricsAddress, "/metrics")));
        Assert.Equal(4, silo.Sum("loans_verification_shadow_rejections_total", ("toggle", FeatureNames.NewVerification)));
        Assert.Equal(3, silo.Sum("loans_orders_total", ("synthetic", "false")));
        Assert.Equal(1, silo.Sum("loans_orders_total", ("synthetic", "true")));
        Assert.Equal(4, silo.Sum("loans_feature_toggle_evaluations_total", ("toggle", FeatureNames.NewVerification), ("variant", "shadow")));
        Assert.Equal(1, silo.Sum("loans_feature_toggle_mode", ("toggle", FeatureNames.NewVerification), ("mode", "off")));
        Assert.Equal(0, silo.Sum("loans_feature_toggle_mode", ("toggle", FeatureNames.NewVerification), ("mode", "shadow")));
    }

    [Fact]
    public async Task Verification_histogram_buckets_carry_trace_ids_as_exemplars()
    {
        await using var system = await LoansSystem.Start(AdminCredentials.Settings);
        await LoansTraffic.PostSampleOrder(system.Api);

        using var scraper = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(system.SiloMetricsAddress, "/metrics"));
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/openmetrics-text; version=1.0.0"));
        using var response = await scraper.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Contains(
            body.Split('\n'),
            line => line.StartsWith("loans_customer_verification_duration_seconds_bucket", StringComparison.Ordinal) && line.Contains("# {trace_id=\"", StringComparison.Ordinal));
    }
}
