namespace Loans.Grains.Verification.Rules;

/// <summary>One fraud check on a person. A customer passes only if every active rule passes.</summary>
public interface IVerificationRule
{
    /// <summary>A stable name, reported when the rule fails (never the data that failed it).</summary>
    string Name { get; }

    bool Passes(Person person);
}
