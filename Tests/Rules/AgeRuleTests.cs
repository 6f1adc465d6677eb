using Loans.Grains.Verification.Rules;

namespace Loans.Tests.Rules;

public class AgeRuleTests
{
    private static bool PassesOn(DateOnly today, DateOnly dateOfBirth) =>
        new AgeRule(FixedClock.At(today.Year, today.Month, today.Day)).Passes(Customers.BornOn(dateOfBirth).Person);

    [Theory]
    [InlineData("2026-06-14", false)] // the day before the 18th birthday
    [InlineData("2026-06-15", true)]  // the 18th birthday
    [InlineData("2026-06-16", true)]
    public void Customers_become_eligible_on_their_18th_birthday(string today, bool passes) =>
        Assert.Equal(passes, PassesOn(DateOnly.Parse(today), new DateOnly(2008, 6, 15)));

    [Theory]
    [InlineData("2108-06-14", true)]  // 99 until the day before the 100th birthday
    [InlineData("2108-06-15", false)] // the 100th birthday
    [InlineData("2108-06-16", false)]
    public void Customers_stop_being_eligible_on_their_100th_birthday(string today, bool passes) =>
        Assert.Equal(passes, PassesOn(DateOnly.Parse(today), new DateOnly(2008, 6, 15)));

    [Theory]
    [InlineData("2022-02-27", false)]
    [InlineData("2022-02-28", true)] // Civil Code art. 112: no 29 February in 2022, so the last day of February
    [InlineData("2024-02-28", true)]
    public void Someone_born_on_29_February_turns_18_on_28_February_of_a_common_year(string today, bool passes) =>
        Assert.Equal(passes, PassesOn(DateOnly.Parse(today), new DateOnly(2004, 2, 29)));

    [Fact]
    public void Someone_born_on_29_February_has_their_birthday_on_29_February_in_leap_years()
    {
        Assert.Equal(19, AgeRule.CompletedYears(new DateOnly(2000, 2, 29), new DateOnly(2020, 2, 28)));
        Assert.Equal(20, AgeRule.CompletedYears(new DateOnly(2000, 2, 29), new DateOnly(2020, 2, 29)));
        Assert.Equal(17, AgeRule.CompletedYears(new DateOnly(1996, 2, 29), new DateOnly(2014, 2, 27)));
        Assert.Equal(18, AgeRule.CompletedYears(new DateOnly(1996, 2, 29), new DateOnly(2014, 2, 28)));
    }

    [Fact]
    public void Rejects_someone_born_in_the_future() =>
        Assert.False(PassesOn(new DateOnly(2026, 1, 1), new DateOnly(2030, 1, 1)));
}
