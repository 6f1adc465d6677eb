using Loans.Api.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Loans.Telemetry;

/// <summary>
/// The OpenTelemetry set-up the silo and the API share (the silo references the API project): one place for what
/// both processes export, so the two cannot drift apart. Each host adds its root sampler, its own sources and
/// meters, and its metrics exporter.
/// </summary>
public static class LoansOpenTelemetry
{
    /// <summary>Orleans' span sources: application grain calls and the runtime's own calls.</summary>
    public static readonly string[] OrleansActivitySources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"];

    /// <summary>Where the API's metrics are scraped on its HTTP port (the two-process API only).</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Service name, log lines carrying trace and span ids, Orleans' spans and meter, HTTP and runtime metrics with
    /// bounded streams and trace exemplars, and the span exporter of <c>Telemetry:Exporter</c>. Spans are kept when
    /// their parent was, and a root span only when <paramref name="rootSampler"/> says so.
    /// </summary>
    public static OpenTelemetryBuilder AddLoansOpenTelemetry(
        this WebApplicationBuilder builder, SpanExportOptions options, Sampler rootSampler,
        Action<TracerProviderBuilder> tracing, Action<MeterProviderBuilder> metrics)
    {
        // Log lines carry the trace and span ids (shown when Logging:Console:FormatterOptions:IncludeScopes is on).
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        return builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(traces =>
            {
                traces.AddSource(OrleansActivitySources).SetSampler(new ParentBasedSampler(rootSampler));
                tracing(traces);
                traces.AddLoansSpanExporter(options);
            })
            .WithMetrics(meters =>
            {
                meters
                    .AddMeter("Microsoft.Orleans")
                    .AddMeter(SpanExportTelemetry.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    // Every stream preallocates its cardinality limit in metric points (2,000 by default) and
                    // Orleans alone has about a hundred instruments; all our tags are bounded, so 200 is ample.
                    .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = 200 })
                    .SetExemplarFilter(ExemplarFilterType.TraceBased);
                metrics(meters);
            });
    }

    /// <summary>
    /// Spans of incoming HTTP requests, started for <c>Telemetry:TraceSampleRatio</c> of them (see
    /// <see cref="IncomingRequestsSampler"/>); Prometheus scrapes are left out.
    /// </summary>
    public static TracerProviderBuilder AddLoansHttpTracing(this TracerProviderBuilder tracing) =>
        tracing.AddAspNetCoreInstrumentation(http => http.Filter = context => !context.Request.Path.StartsWithSegments(MetricsPath));
}
