using System.Text;

namespace Loans.Grains.Verification.Rules;

/// <summary>The first name must be non-empty and made of letters only, in any alphabet ("Żaneta" passes).</summary>
public sealed class NameRule : IVerificationRule
{
    public string Name => "name";

    public bool Passes(Person person) =>
        !string.IsNullOrEmpty(person.Name) && person.Name.EnumerateRunes().All(Rune.IsLetter);
}
