using System.Diagnostics.Metrics;
using Loans.Grains.Telemetry;

namespace Loans.Grains.Features.SiloCache;

/// <summary>
/// Toggle pushes that did not reach a silo within the publish timeout. Prometheus:
/// <c>loans_feature_toggle_push_failures_total{toggle}</c>. Such a silo runs the old variant until its cache
/// entry expires (FeatureToggles:RefreshInterval), so during a rollout the silos disagree for that long.
/// </summary>
internal static class FeatureTogglePushTelemetry
{
    private static readonly Counter<long> PushFailures = LoansTelemetry.Meter.CreateCounter<long>(
        "loans.feature_toggle.push_failures",
        unit: "{push}",
        description: "Feature toggle changes that could not be pushed to a silo's cache, by toggle.");

    /// <summary>The silo address is left out on purpose: it changes at every restart and would grow the series without bound.</summary>
    public static void RecordFailure(string toggle) =>
        PushFailures.Add(1, new KeyValuePair<string, object?>(LoansTelemetry.Tags.Toggle, toggle));
}
