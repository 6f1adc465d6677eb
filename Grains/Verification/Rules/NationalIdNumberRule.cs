namespace Loans.Grains.Verification.Rules;

/// <summary>The PESEL must be well formed and agree with the stated gender and date of birth.</summary>
public sealed class NationalIdNumberRule : IVerificationRule
{
    public string Name => "national_id_number";

    public bool Passes(Person person)
    {
        var number = person.NationalIdNumber;
        return Pesel.HasValidFormat(number)
            && Pesel.HasValidChecksum(number)
            && Pesel.EncodedGender(number) == person.Gender
            && Pesel.DateOfBirth(number) == person.DateOfBirth;
    }
}
