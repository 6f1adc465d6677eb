using System.Diagnostics;
using Loans.Grains.Features.Evaluation;
using Loans.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.FeatureManagement;

namespace Loans.Grains.Verification;

/// <summary>
/// Pure work, so any silo may run as many copies as it needs. The new verification's toggle is evaluated by
/// Microsoft.FeatureManagement for this customer; its definition comes from the silo's toggle cache, so the
/// evaluation costs no grain call.
/// </summary>
[StatelessWorker]
public sealed partial class FraudVerifierGrain(CustomerVerifier verifier, IVariantFeatureManager features, ILogger<FraudVerifierGrain> logger) : Grain, IFraudVerifierGrain
{
    public async Task<CustomerVerificationResult> Verify(Customer customer)
    {
        using var activity = LoansTelemetry.ActivitySource.StartActivity("verify customer");
        var started = Stopwatch.GetTimestamp();

        // The variant alone says what to do: act (on, percentage_in), only measure (shadow), or neither.
        var variant = ReleaseVariant.Of(await features.GetVariantAsync(FeatureNames.NewVerification, new CustomerTargetingContext(customer.Uuid)));
        var active = ReleaseVariant.ActsOn(variant);
        LoansTelemetry.RecordToggleEvaluation(FeatureNames.NewVerification, active, variant);
        LoansTelemetry.ToggleEvaluations.Add(1,
            new KeyValuePair<string, object?>(LoansTelemetry.Tags.Toggle, FeatureNames.NewVerification),
            new KeyValuePair<string, object?>(LoansTelemetry.Tags.Variant, variant));
        var result = verifier.Verify(customer, active);
        if (variant == ReleaseVariant.Shadow && result.Passed && verifier.NewVerificationRejects(customer))
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Shadow mode: {Toggle} would have rejected this customer")]
    private partial void LogShadowRejection(string toggle);
}
