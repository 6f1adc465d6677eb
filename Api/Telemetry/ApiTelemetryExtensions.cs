using Loans.Hosting;
using Loans.Api.Telemetry.GrainCalls;
using Loans.Telemetry;
using OpenTelemetry.Metrics;
using Orleans.Hosting;

namespace Loans.Api.Telemetry;

public static class ApiTelemetryExtensions
{
    /// <summary>Where Prometheus scrapes the API.</summary>
    public const string MetricsPath = LoansOpenTelemetry.MetricsPath;

    /// <summary>
    /// Traces (Zipkin, OTLP or none) and metrics (Prometheus at <see cref="MetricsPath"/>) for the API, from
    /// section <c>Telemetry</c>, plus trace-context propagation across grain calls (AddLoansGrainCallTracing) so they join the HTTP trace.
    /// </summary>
    public static WebApplicationBuilder AddLoansTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ApiTelemetryOptions.SectionName).Get<ApiTelemetryOptions>() ?? new();
        OptionsValidation.ThrowIfInvalid(options, ApiTelemetryOptions.SectionName);

        builder.UseOrleansClient(client => client.AddLoansGrainCallTracing());
        builder.AddLoansOpenTelemetry(
            options,
            new IncomingRequestsSampler(options.TraceSampleRatio),
            tracing => tracing.AddLoansHttpTracing(),
            metrics => metrics.AddPrometheusExporter());
        return builder;
    }

    /// <summary>
    /// Serves the Prometheus scrape endpoint. Scrapes are not traffic: they stay out of the HTTP metrics, which
    /// would otherwise count one request per scrape in the request rate, latency and the 5xx denominator.
    /// </summary>
    public static WebApplication MapLoansTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).DisableHttpMetrics();
        return app;
    }
}
