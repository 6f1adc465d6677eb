using Loans.Grains.Verification;

namespace Loans.Tests.Regression;

/// <summary>
/// Earlier ports added the +20 month offset only for births in 2000–2009, so everyone born in 2010 or later
/// was rejected once adult (from 2028).
/// </summary>
public class PeselCenturyOffsetFor2010sTests
{
    [Fact]
    public void An_18_year_old_born_in_2010_is_verified_in_2028()
    {
        var verifier = new CustomerVerifier(FixedClock.At(2028, 3, 1));
        var customer = Customers.BornOn(new DateOnly(2010, 2, 28), Gender.Male);

        Assert.Equal("1022", customer.Person.NationalIdNumber[..4]);
        Assert.Equal(VerificationStatus.VerificationPassed, verifier.Verify(customer, newVerificationEnabled: false).Status);
    }
}
