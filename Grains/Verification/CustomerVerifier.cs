using Loans.Grains.Verification.Rules;

namespace Loans.Grains.Verification;

/// <summary>Runs the fraud rules on a customer: the standard ones always, the new one when switched on.</summary>
public sealed class CustomerVerifier(TimeProvider clock)
{
    private readonly IVerificationRule[] standardRules = [new AgeRule(clock), new NationalIdNumberRule(), new NameRule()];
    private readonly IVerificationRule newTypeOfVerification = new NewTypeOfVerificationRule();

    /// <summary>Whether the new verification alone would reject the customer (for shadow mode).</summary>
    public bool NewVerificationRejects(Customer customer) => !newTypeOfVerification.Passes(customer.Person);

    public CustomerVerificationResult Verify(Customer customer, bool newVerificationEnabled)
    {
        var rules = newVerificationEnabled ? [.. standardRules, newTypeOfVerification] : standardRules;
        var failed = rules.Where(rule => !rule.Passes(customer.Person)).Select(rule => rule.Name).ToArray();
        var status = failed.Length == 0 ? VerificationStatus.VerificationPassed : VerificationStatus.VerificationFailed;
        return new CustomerVerificationResult(customer.Uuid, status, failed);
    }
}
