using Loans.Api.Telemetry;
using Loans.Api.Telemetry.GrainCalls;
using Loans.Grains.Telemetry;
using Loans.Silo.CoHostedApi;
using Loans.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Loans.Silo.Telemetry;

public static class SiloTelemetryExtensions
{
    /// <summary>
    /// Traces (Zipkin, OTLP or none) and metrics (Prometheus listener) for the silo, from section
    /// <c>Telemetry</c>, plus trace-context propagation across grain calls (AddLoansGrainCallTracing) so a grain call continues the caller's trace.
    /// A silo that hosts the API (<c>Silo:HostApi</c>) also traces its incoming HTTP requests, as the API does.
    /// </summary>
    public static WebApplicationBuilder AddLoansTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SiloTelemetryOptions.SectionName).Get<SiloTelemetryOptions>() ?? new();
        OptionsValidation.ThrowIfInvalid(options, SiloTelemetryOptions.SectionName);
        PrometheusListener.TryParse(options.PrometheusListenerUrl, out var listener);
        var hostsApi = builder.HostsLoansApi();

        builder.UseOrleans(silo => silo.AddLoansGrainCallTracing());
        builder.AddLoansOpenTelemetry(
            options,
            // Apart from the API, the silo continues traces that start there; its own background calls (membership,
            // dashboard polling, timers) would otherwise bury them in root spans. Hosting the API, its traces start
            // at its own HTTP requests.
            hostsApi ? new IncomingRequestsSampler(options.TraceSampleRatio) : (Sampler)new AlwaysOffSampler(),
            tracing =>
            {
                tracing
                    .AddSource(LoansTelemetry.Name)
                    // Microsoft.FeatureManagement: a FeatureEvaluation span per toggle evaluation under the order's
                    // trace, carrying the library's evaluation event (feature, variant, enabled).
                    .AddSource(LoansTelemetry.FeatureManagementProvider);
                if (hostsApi)
                {
                    tracing.AddLoansHttpTracing();
                }
            },
            metrics => metrics
                .AddMeter(LoansTelemetry.Name)
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
