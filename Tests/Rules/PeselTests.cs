using Loans.Grains.Verification.Rules;

namespace Loans.Tests.Rules;

public class PeselTests
{
    private static readonly NationalIdNumberRule Rule = new();

    private static bool Passes(string pesel, Gender gender, DateOnly dateOfBirth) =>
        Rule.Passes(new Person("Anna", "Kowalska", pesel, gender, dateOfBirth));

    [Fact]
    public void Accepts_the_seed_customer_pesel() =>
        Assert.True(Passes("86110302148", Gender.Female, new DateOnly(1986, 11, 3)));

    [Theory]
    [InlineData("86110302147", "checksum is wrong")]
    [InlineData("86110302149", "checksum is wrong")]
    [InlineData("8611030214", "10 digits")]
    [InlineData("861103021480", "12 digits")]
    [InlineData("8611030214a", "a letter")]
    [InlineData("86 11030214", "a space")]
    [InlineData("", "empty")]
    [InlineData("８６１１０３０２１４８", "full-width digits")]
    public void Rejects_malformed_numbers(string pesel, string why) =>
        Assert.False(Passes(pesel, Gender.Female, new DateOnly(1986, 11, 3)), why);

    [Fact]
    public void Rejects_a_non_digit_even_when_the_checksum_still_adds_up()
    {
        // ':' follows '9' in ASCII; in place of the serial's 0 (weight 7) it adds 70, so the checksum holds,
        // the date and the gender digit are the seed's, and only the digit check can reject it.
        const string pesel = "861103:2148";

        Assert.True(Pesel.HasValidChecksum(pesel));
        Assert.Equal(new DateOnly(1986, 11, 3), Pesel.DateOfBirth(pesel));
        Assert.False(Passes(pesel, Gender.Female, new DateOnly(1986, 11, 3)));
    }

    [Theory]
    [InlineData(1986, 11, 3, 42, Gender.Male, "86110304256")]
    [InlineData(2010, 2, 28, 123, Gender.Female, "10222812365")]
    [InlineData(1899, 12, 31, 1234, Gender.Female, "99923123488")]
    public void Encodes_the_date_the_serial_the_gender_digit_and_the_checksum(int year, int month, int day, int serial, Gender gender, string expected) =>
        // Computed by hand: YY, MM + century offset, DD, serial mod 1000, (serial mod 5) × 2 + 1 for men, checksum.
        Assert.Equal(expected, Pesel.Encode(new DateOnly(year, month, day), serial, gender));

    [Fact]
    public void Rejects_a_gender_digit_that_contradicts_the_stated_gender() =>
        Assert.False(Passes("86110302148", Gender.Male, new DateOnly(1986, 11, 3)));

    [Fact]
    public void Rejects_a_number_whose_date_differs_from_the_stated_date_of_birth() =>
        Assert.False(Passes("86110302148", Gender.Female, new DateOnly(1986, 11, 4)));

    [Theory]
    [InlineData("86133002146", "month 13 is no month of any century")]
    [InlineData("86023102149", "31 February")]
    [InlineData("86110002147", "day 0")]
    public void Rejects_numbers_that_encode_no_real_date(string pesel, string why)
    {
        Assert.True(Pesel.HasValidChecksum(pesel), $"fixture must have a valid checksum: {why}");
        Assert.Null(Pesel.DateOfBirth(pesel));
    }

    [Theory]
    [InlineData(1899, 12, 31, 92)]
    [InlineData(1800, 1, 1, 81)]
    [InlineData(1986, 11, 3, 11)]
    [InlineData(2000, 1, 1, 21)]
    [InlineData(2009, 12, 31, 32)]
    [InlineData(2010, 6, 15, 26)]
    [InlineData(2099, 12, 31, 32)]
    [InlineData(2100, 1, 1, 41)]
    [InlineData(2299, 12, 31, 72)]
    public void Decodes_the_century_from_the_month_offset(int year, int month, int day, int encodedMonth)
    {
        var dateOfBirth = new DateOnly(year, month, day);
        var pesel = Pesel.Encode(dateOfBirth, 42, Gender.Male);

        Assert.Equal(encodedMonth, int.Parse(pesel.AsSpan(2, 2), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(dateOfBirth, Pesel.DateOfBirth(pesel));
        Assert.True(Passes(pesel, Gender.Male, dateOfBirth));
    }

    [Fact]
    public void Leap_day_is_valid_only_in_leap_years()
    {
        Assert.Equal(new DateOnly(2000, 2, 29), Pesel.DateOfBirth(Pesel.Encode(new DateOnly(2000, 2, 29), 1, Gender.Female)));
        Assert.Null(Pesel.DateOfBirth("01222900000"));
    }
}
