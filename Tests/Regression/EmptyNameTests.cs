using Loans.Grains.Verification.Rules;

namespace Loans.Tests.Regression;

/// <summary>An empty name passed a letters-only check, since no character of "" is a non-letter.</summary>
public class EmptyNameTests
{
    [Fact]
    public void An_empty_name_fails_the_name_check() =>
        Assert.False(new NameRule().Passes(Customers.BornOn(new DateOnly(1990, 1, 1), name: "").Person));
}
