using System.Diagnostics;
using Loans.Grains.Features;
using Loans.Grains.Features.SiloCache;
using Loans.Grains.Telemetry;
using Microsoft.Extensions.Logging;

namespace Loans.Grains.Verification;

/// <summary>Pure work, so any silo may run as many copies as it needs.</summary>
[StatelessWorker]
public sealed partial class FraudVerifierGrain(CustomerVerifier verifier, SiloFeatureToggleCache toggles, ILogger<FraudVerifierGrain> logger) : Grain, IFraudVerifierGrain
{
    public async Task<CustomerVerificationResult> Verify(Customer customer)
    {
        using var activity = LoansTelemetry.ActivitySource.StartActivity("verify customer");
        var started = Stopwatch.GetTimestamp();

        var toggle = await toggles.Get(FeatureNames.NewVerification);
        var decision = toggle.For(customer.Uuid);
        LoansTelemetry.RecordToggleEvaluation(FeatureNames.NewVerification, decision.Active, Variant(toggle, decision));
        LoansTelemetry.ToggleEvaluations.Add(1,
            new KeyValuePair<string, object?>(LoansTelemetry.Tags.Toggle, FeatureNames.NewVerification),
            new KeyValuePair<string, object?>(LoansTelemetry.Tags.Variant, ExposureVariant(toggle, decision)));
        var result = verifier.Verify(customer, decision.Active);
        if (decision.Shadow && result.Passed && verifier.NewVerificationRejects(customer))
        {
            // Shadow mode: the new verification would have rejected this customer. Measure it, do not act on it.
            LoansTelemetry.ShadowRejections.Add(1, new KeyValuePair<string, object?>(LoansTelemetry.Tags.Toggle, FeatureNames.NewVerification));
            activity?.AddEvent(new ActivityEvent("shadow rejection", tags: new ActivityTagsCollection { ["feature_flag.key"] = FeatureNames.NewVerification }));
            LogShadowRejection(FeatureNames.NewVerification);
        }

        var outcome = result.Passed ? "passed" : "failed";
        activity?.SetTag(LoansTelemetry.Tags.VerificationResult, outcome);
        activity?.SetTag(LoansTelemetry.Tags.FailedChecks, string.Join(',', result.FailedChecks));
        // Recorded inside the span, so the histogram's exemplar points at this trace.
        LoansTelemetry.VerificationDuration.Record(
            Stopwatch.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>(LoansTelemetry.Tags.Result, outcome));
        return result;
    }

    /// <summary>on/off for a plain toggle; shadow, or the percentage and whether this customer is in it.</summary>
    private static string Variant(FeatureToggle toggle, FeatureDecision decision) => toggle.Mode switch
    {
        FeatureToggleMode.Shadow => "shadow",
        FeatureToggleMode.Percentage => decision.Active ? $"percentage-{toggle.Percentage}-in" : $"percentage-{toggle.Percentage}-out",
        _ => decision.Active ? "on" : "off",
    };

    /// <summary>The same variant with a bounded label: whether a customer was in the rollout, not which percentage.</summary>
    private static string ExposureVariant(FeatureToggle toggle, FeatureDecision decision) => toggle.Mode switch
    {
        FeatureToggleMode.Shadow => LoansTelemetry.Variants.Shadow,
        FeatureToggleMode.Percentage => decision.Active ? LoansTelemetry.Variants.PercentageIn : LoansTelemetry.Variants.PercentageOut,
        _ => decision.Active ? LoansTelemetry.Variants.On : LoansTelemetry.Variants.Off,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Shadow mode: {Toggle} would have rejected this customer")]
    private partial void LogShadowRejection(string toggle);
}
