using Loans.Grains.Features;
using Microsoft.Extensions.Logging;

namespace Loans.Grains.Verification;

/// <summary>Pure work, so any silo may run as many copies as it needs.</summary>
[StatelessWorker]
public sealed partial class FraudVerifierGrain(CustomerVerifier verifier, ILogger<FraudVerifierGrain> logger) : Grain, IFraudVerifierGrain
{
    public async Task<CustomerVerificationResult> Verify(Customer customer)
    {
        var toggle = await GrainFactory.GetGrain<IFeatureToggleGrain>(FeatureNames.NewVerification).Get();
        var decision = toggle.For(customer.Uuid);
        var result = verifier.Verify(customer, decision.Active);
        if (decision.Shadow && result.Passed && !verifier.Verify(customer, newVerificationEnabled: true).Passed)
        {
            // Shadow mode: the new verification would have rejected this customer. Record it, do not act on it.
            LogShadowRejection(FeatureNames.NewVerification);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shadow mode: {Toggle} would have rejected this customer")]
    private partial void LogShadowRejection(string toggle);
}
