using System.Diagnostics;
using Loans.Grains.Telemetry;

namespace Loans.Grains.Verification;

/// <summary>Pure work, so any silo may run as many copies as it needs.</summary>
[StatelessWorker]
public sealed class FraudVerifierGrain(CustomerVerifier verifier) : Grain, IFraudVerifierGrain
{
    public async Task<CustomerVerificationResult> Verify(Customer customer)
    {
        using var activity = LoansTelemetry.ActivitySource.StartActivity("verify customer");
        var started = Stopwatch.GetTimestamp();

        var newVerification = await GrainFactory.GetGrain<IFeatureToggleGrain>(FeatureNames.NewVerification).IsEnabled();
        LoansTelemetry.RecordToggleEvaluation(FeatureNames.NewVerification, newVerification);
        var result = verifier.Verify(customer, newVerification);

        var outcome = result.Passed ? "passed" : "failed";
        activity?.SetTag(LoansTelemetry.Tags.VerificationResult, outcome);
        activity?.SetTag(LoansTelemetry.Tags.FailedChecks, string.Join(',', result.FailedChecks));
        // Recorded inside the span, so the histogram's exemplar points at this trace.
        LoansTelemetry.VerificationDuration.Record(
            Stopwatch.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>(LoansTelemetry.Tags.Result, outcome));
        return result;
    }
}
