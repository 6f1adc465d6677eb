using Loans.Grains.Telemetry;
using Loans.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Loans.Silo.Telemetry;

public static class SiloTelemetryExtensions
{
    /// <summary>Orleans' span sources: application grain calls and the runtime's own calls.</summary>
    public static readonly string[] OrleansActivitySources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"];

    /// <summary>
    /// Traces (Zipkin, OTLP or none) and metrics (Prometheus listener) for the silo, from section
    /// <c>Telemetry</c>, plus Orleans' trace-context propagation so a grain call continues the caller's trace.
    /// </summary>
    public static WebApplicationBuilder AddLoansTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SiloTelemetryOptions.SectionName).Get<SiloTelemetryOptions>() ?? new();
        OptionsValidation.ThrowIfInvalid(options, SiloTelemetryOptions.SectionName);
        PrometheusListener.TryParse(options.PrometheusListenerUrl, out var listener);

        builder.UseOrleans(silo => silo.AddActivityPropagation());
        // Log lines carry the trace and span ids (shown when Logging:Console:FormatterOptions:IncludeScopes is on).
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(LoansTelemetry.Name)
                    // Microsoft.FeatureManagement: a FeatureEvaluation span per toggle evaluation under the order's
                    // trace, carrying the library's evaluation event (feature, variant, enabled).
                    .AddSource(LoansTelemetry.FeatureManagementProvider)
                    .AddSource(OrleansActivitySources)
                    // The silo continues traces that start at the API; its own background calls (membership,
                    // dashboard polling, timers) would otherwise bury them in root spans.
                    .SetSampler(new ParentBasedSampler(new AlwaysOffSampler()));
                tracing.AddLoansSpanExporter(options);
            })
            .WithMetrics(metrics => metrics
                .AddMeter(LoansTelemetry.Name)
                .AddMeter("Microsoft.Orleans")
                .AddMeter(SpanExportTelemetry.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                // Every stream preallocates its cardinality limit in metric points (2,000 by default) and
                // Orleans alone has about a hundred instruments; all our tags are bounded, so 200 is ample.
                .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = 200 })
                .SetExemplarFilter(ExemplarFilterType.TraceBased)
                .AddPrometheusHttpListener(prometheus =>
                {
                    prometheus.Port = listener.Port;
                    prometheus.Host = listener.IsWildcard ? "localhost" : listener.Host;
                    if (listener.IsWildcard)
                    {
                        // The exporter builds a Uri from Host, which rejects HttpListener's wildcards; swap the
                        // prefix once the listener exists so it answers on every interface (containers).
                        prometheus.ConfigureHttpListener = (_, http) =>
                        {
                            http.Prefixes.Clear();
                            http.Prefixes.Add(listener.Prefix);
                        };
                    }
                }));
        builder.Services.AddHostedService<BusinessSeriesAtZero>();
        return builder;
    }
}
