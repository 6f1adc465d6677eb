namespace Loans.Grains.Verification.Rules;

/// <summary>
/// The Polish national identification number: YYMMDDZZZXQ, where the month carries the century
/// (1800s +80, 1900s +0, 2000s +20, 2100s +40, 2200s +60), X is even for women and odd for men,
/// and Q is a checksum over the first ten digits.
/// </summary>
public static class Pesel
{
    public const int Length = 11;

    private static readonly int[] ChecksumWeights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

    /// <summary>Month offsets by century, from the first year of the century.</summary>
    private static readonly (int FirstYear, int MonthOffset)[] Centuries =
        [(1800, 80), (1900, 0), (2000, 20), (2100, 40), (2200, 60)];

    public static bool HasValidFormat(string number) =>
        number.Length == Length && number.All(char.IsAsciiDigit);

    public static bool HasValidChecksum(string number)
    {
        var sum = 0;
        for (var i = 0; i < ChecksumWeights.Length; i++)
        {
            sum += Digit(number, i) * ChecksumWeights[i];
        }

        return (10 - sum % 10) % 10 == Digit(number, 10);
    }

    /// <summary>The date of birth the number encodes, or null when it encodes no real date.</summary>
    public static DateOnly? DateOfBirth(string number)
    {
        var yearInCentury = Digit(number, 0) * 10 + Digit(number, 1);
        var encodedMonth = Digit(number, 2) * 10 + Digit(number, 3);
        var day = Digit(number, 4) * 10 + Digit(number, 5);

        foreach (var (firstYear, offset) in Centuries)
        {
            var month = encodedMonth - offset;
            // Not "is < 1 or > 12": its mutant "< 1 and > 12" is a pattern that can never match, which does not compile.
            if (month < 1 || month > 12)
            {
                continue;
            }

            var year = firstYear + yearInCentury;
            return day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
        }

        return null;
    }

    public static Gender EncodedGender(string number) => Digit(number, 9) % 2 == 0 ? Gender.Female : Gender.Male;

    /// <summary>Encodes the first ten digits for a birth date, a serial and a gender, and appends the checksum.</summary>
    public static string Encode(DateOnly dateOfBirth, int serial, Gender gender)
    {
        var (_, offset) = Centuries.Last(c => c.FirstYear <= dateOfBirth.Year);
        var genderDigit = (serial % 5) * 2 + (gender == Gender.Male ? 1 : 0);
        var body = $"{dateOfBirth.Year % 100:D2}{dateOfBirth.Month + offset:D2}{dateOfBirth.Day:D2}{serial % 1000:D3}{genderDigit}";
        var sum = 0;
        for (var i = 0; i < ChecksumWeights.Length; i++)
        {
            sum += (body[i] - '0') * ChecksumWeights[i];
        }

        // Interpolated, not body + digit: a mutant of that + would subtract a number from a string and not compile.
        return $"{body}{(10 - sum % 10) % 10}";
    }

    private static int Digit(string number, int index) => number[index] - '0';
}
