namespace Loans.Grains.Verification.Rules;

/// <summary>The customer must be between 18 and 99 years old, inclusive, on today's date.</summary>
public sealed class AgeRule(TimeProvider clock) : IVerificationRule
{
    public const int MinimumAge = 18;
    public const int MaximumAge = 99;

    public string Name => "age";

    public bool Passes(Person person)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var age = CompletedYears(person.DateOfBirth, today);
        return age is >= MinimumAge and <= MaximumAge;
    }

    /// <summary>
    /// Age in completed calendar years. Someone born on 29 February has their birthday on 28 February in
    /// common years: the Polish Civil Code (art. 112) ends a period in years on the last day of the month
    /// when the month has no matching day, and counts age from the start of that day. DateOnly.AddYears
    /// clamps to 28 February in exactly that way.
    /// </summary>
    public static int CompletedYears(DateOnly dateOfBirth, DateOnly today)
    {
        var years = today.Year - dateOfBirth.Year;
        return dateOfBirth.AddYears(years) > today ? years - 1 : years;
    }
}
