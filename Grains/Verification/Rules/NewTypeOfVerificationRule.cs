namespace Loans.Grains.Verification.Rules;

/// <summary>
/// The seed's new verification: it rejects everyone. It is only active while the toggle
/// <see cref="FeatureNames.NewVerification"/> is on, which makes the effect of a release easy to see.
/// </summary>
public sealed class NewTypeOfVerificationRule : IVerificationRule
{
    public string Name => "new_type_of_verification";

    public bool Passes(Person person) => false;
}
