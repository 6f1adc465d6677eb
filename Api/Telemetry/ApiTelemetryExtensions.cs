using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Loans.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Hosting;

namespace Loans.Api.Telemetry;

public static class ApiTelemetryExtensions
{
    /// <summary>Where Prometheus scrapes the API.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Traces (Zipkin, OTLP or none) and metrics (Prometheus at <see cref="MetricsPath"/>) for the API, from
    /// section <c>Telemetry</c>, plus Orleans' trace-context propagation so grain calls join the HTTP trace.
    /// </summary>
    public static WebApplicationBuilder AddLoansTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ApiTelemetryOptions.SectionName).Get<ApiTelemetryOptions>() ?? new();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new OptionsValidationException(ApiTelemetryOptions.SectionName, typeof(ApiTelemetryOptions),
                results.Select(r => $"{ApiTelemetryOptions.SectionName}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }

        builder.UseOrleansClient(client => client.AddActivityPropagation());
        // Log lines carry the trace and span ids (shown when Logging:Console:FormatterOptions:IncludeScopes is on).
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing =>
            {
                tracing
                    .AddAspNetCoreInstrumentation(http => http.Filter = context => !context.Request.Path.StartsWithSegments(MetricsPath))
                    .AddSource("Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime")
                    .SetSampler(new ParentBasedSampler(new IncomingRequestsSampler(options.TraceSampleRatio)));
                tracing.AddLoansSpanExporter(options);
            })
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans")
                .AddMeter(SpanExportTelemetry.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                // Every stream preallocates its cardinality limit in metric points (2,000 by default) and
                // Orleans alone has about a hundred instruments; all our tags are bounded, so 200 is ample.
                .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = 200 })
                .SetExemplarFilter(ExemplarFilterType.TraceBased)
                .AddPrometheusExporter());
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
