using Loans.Grains.Interfaces.Orders;

namespace Loans.Grains.Interfaces.Verification;

/// <summary>Stateless fraud checks on a customer.</summary>
[Alias("Loans.IFraudVerifierGrain")]
public interface IFraudVerifierGrain : IGrainWithIntegerKey
{
    [Alias("Verify")]
    Task<CustomerVerificationResult> Verify(Customer customer);
}
