namespace Loans.Grains.Verification;

/// <summary>Pure work, so any silo may run as many copies as it needs.</summary>
[StatelessWorker]
public sealed class FraudVerifierGrain(CustomerVerifier verifier) : Grain, IFraudVerifierGrain
{
    public async Task<CustomerVerificationResult> Verify(Customer customer)
    {
        var newVerification = await GrainFactory.GetGrain<IFeatureToggleGrain>(FeatureNames.NewVerification).IsEnabled();
        return verifier.Verify(customer, newVerification);
    }
}
