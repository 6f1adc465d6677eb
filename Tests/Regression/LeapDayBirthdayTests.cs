using Loans.Grains.Verification;

namespace Loans.Tests.Regression;

/// <summary>Age computed from day-of-year (or by adding 18 × 365 days) got people born on 29 February wrong.</summary>
public class LeapDayBirthdayTests
{
    [Theory]
    [InlineData(2022, 2, 27, VerificationStatus.VerificationFailed)]
    [InlineData(2022, 2, 28, VerificationStatus.VerificationPassed)]
    public void Someone_born_on_29_February_2004_becomes_eligible_on_28_February_2022(int year, int month, int day, VerificationStatus expected)
    {
        var verifier = new CustomerVerifier(FixedClock.At(year, month, day));

        Assert.Equal(expected, verifier.Verify(Customers.BornOn(new DateOnly(2004, 2, 29)), newVerificationEnabled: false).Status);
    }
}
