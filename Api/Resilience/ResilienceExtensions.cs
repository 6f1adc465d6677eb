using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Orleans.Configuration;
using Polly;
using Polly.Retry;
using Polly.Telemetry;
using Polly.Timeout;

namespace Loans.Api.Resilience;

public static class ResilienceExtensions
{
    /// <summary>The pipeline every grain call of a request goes through (the <c>pipeline.name</c> tag of Polly's metrics).</summary>
    public const string ClusterCallsPipeline = "cluster-calls";

    /// <summary>Polly's meter: <c>resilience.polly.strategy.events</c> (retries, timeouts), attempt and pipeline durations.</summary>
    public const string PollyMeterName = "Polly";

    internal static readonly ResiliencePropertyKey<RequestBudget> BudgetKey = new("loans.request-budget");

    private const string AttemptTimeoutStrategy = "attempt";

    /// <summary>
    /// One deadline per request (<c>Api:RequestTimeout</c>, validated at start-up) and the resilience pipeline that
    /// keeps grain calls inside it: the deadline as the outer timeout, retries of transient cluster failures
    /// (<see cref="TransientClusterFailures"/>) with short jittered back-off, and a short per-attempt timeout, so a
    /// call through a silo that just died is sent again to the survivor instead of waiting Cluster:ResponseTimeout.
    /// Polly's logs and metrics go to the API's logging and OpenTelemetry (Prometheus) set-up.
    /// </summary>
    public static WebApplicationBuilder AddLoansResilience(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RequestTimeoutOptions>()
            .Bind(builder.Configuration.GetSection(RequestTimeoutOptions.SectionName))
            .Validate(o => o.RequestTimeout >= RequestTimeoutOptions.Shortest && o.RequestTimeout <= RequestTimeoutOptions.Longest,
                $"{RequestTimeoutOptions.SectionName}:RequestTimeout must be between {RequestTimeoutOptions.Shortest} and {RequestTimeoutOptions.Longest}.")
            .ValidateOnStart();
        builder.Services.AddScoped<RequestBudget>();
        builder.Services.AddScoped<ClusterCalls>();

        // A grain call whose token fires keeps waiting for the grain's own answer ("not stored", or the stored order)
        // instead of ending at once in a cancellation that would say nothing about what the silo did.
        builder.Services.Configure<ClientMessagingOptions>(messaging => messaging.WaitForCancellationAcknowledgement = true);

        builder.Services.AddResilienceEnricher();
        // Polly reports a timeout as an error; a per-attempt timeout is handled (the call is sent again), like a retry.
        builder.Services.Configure<TelemetryOptions>(telemetry => telemetry.SeverityProvider = args =>
            args.Source.PipelineName == ClusterCallsPipeline && args.Source.StrategyName == AttemptTimeoutStrategy && args.Event.EventName == "OnTimeout"
                ? ResilienceEventSeverity.Warning
                : args.Event.Severity);
        builder.Services.AddResiliencePipeline(ClusterCallsPipeline, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<RequestTimeoutOptions>>().Value;
            pipeline
                .AddTimeout(new TimeoutStrategyOptions
                {
                    Name = "request-deadline",
                    TimeoutGenerator = args => ValueTask.FromResult(
                        args.Context.Properties.TryGetValue(BudgetKey, out var budget)
                            ? TimeSpan.FromTicks(Math.Max(budget.Remaining.Ticks, TimeSpan.FromMilliseconds(1).Ticks))
                            : options.RequestTimeout),
                })
                .AddRetry(new RetryStrategyOptions
                {
                    Name = "transient-cluster-failures",
                    ShouldHandle = args => ValueTask.FromResult(TransientClusterFailures.Is(args.Outcome.Exception)),
                    // Bounded by the deadline, not by a count.
                    MaxRetryAttempts = int.MaxValue,
                    BackoffType = DelayBackoffType.Exponential,
                    Delay = TimeSpan.FromMilliseconds(50),
                    MaxDelay = options.AttemptTimeout,
                    UseJitter = true,
                })
                .AddTimeout(new TimeoutStrategyOptions { Name = AttemptTimeoutStrategy, Timeout = options.AttemptTimeout });
        });
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(PollyMeterName));
        return builder;
    }
}
