using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Loans.Grains.Telemetry;

/// <summary>
/// The business signals of the service: one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both
/// named <see cref="Name"/>. Tags are bounded (statuses, results, toggle names): never ids or personal data,
/// which would explode the metric series and leak into dashboards.
/// </summary>
public static class LoansTelemetry
{
    public const string Name = "Loans";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>The seed's <c>verifyCustomerTimer</c>; Prometheus: <c>loans_customer_verification_duration_seconds</c>.</summary>
    public static readonly Histogram<double> VerificationDuration = Meter.CreateHistogram<double>(
        "loans.customer.verification.duration",
        unit: "s",
        description: "Time to verify a customer for fraud, toggle read included.",
        tags: null,
        // Verification takes milliseconds; the SDK's default buckets (0, 5, 10, ... 10000) are meant for milliseconds.
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    /// <summary>Stored orders by status; Prometheus: <c>loans_orders_total{status}</c>.</summary>
    public static readonly Counter<long> Orders = Meter.CreateCounter<long>(
        "loans.orders", unit: "{order}", description: "Loan orders stored, by status.");

    /// <summary>
    /// Customers the new verification would have rejected while its toggle is in shadow mode: the effect of a
    /// release, measured before it acts. Prometheus: <c>loans_verification_shadow_rejections_total{toggle}</c>.
    /// </summary>
    public static readonly Counter<long> ShadowRejections = Meter.CreateCounter<long>(
        "loans.verification.shadow_rejections", unit: "{customer}", description: "Customers a toggle in shadow mode would have rejected.");

    /// <summary>Toggle switches; Prometheus: <c>loans_feature_toggle_changes_total{toggle,enabled}</c>.</summary>
    public static readonly Counter<long> ToggleChanges = Meter.CreateCounter<long>(
        "loans.feature_toggle.changes", unit: "{change}", description: "Feature toggle changes, by toggle and new value.");

    public static class Tags
    {
        public const string Result = "result";
        public const string Status = "status";
        public const string Toggle = "toggle";
        public const string Enabled = "enabled";
        public const string Mode = "mode";
        public const string Synthetic = "synthetic";
        public const string OrderId = "loans.order.id";
        public const string VerificationResult = "loans.verification.result";
        public const string FailedChecks = "loans.verification.failed_checks";
        public const string OrderStatus = "loans.order.status";
    }

    /// <summary>
    /// Records a toggle read on the current span as the OpenTelemetry semantic conventions ask
    /// (event <c>feature_flag.evaluation</c>), so a trace shows which variant of the rules an order met.
    /// </summary>
    public static void RecordToggleEvaluation(string toggle, bool enabled) => RecordToggleEvaluation(toggle, enabled, enabled ? "on" : "off");

    /// <summary>Records a toggle read whose variant says more than on/off (shadow, a percentage bucket).</summary>
    public static void RecordToggleEvaluation(string toggle, bool enabled, string variant)
    {
        Activity.Current?.SetTag($"feature_flag.{toggle.ToLowerInvariant()}", variant);
        Activity.Current?.AddEvent(new ActivityEvent("feature_flag.evaluation", tags: new ActivityTagsCollection
        {
            ["feature_flag.key"] = toggle,
            ["feature_flag.result.value"] = enabled,
            ["feature_flag.result.variant"] = variant,
            ["feature_flag.provider.name"] = "Loans.FeatureToggleGrain",
        }));
    }
}
