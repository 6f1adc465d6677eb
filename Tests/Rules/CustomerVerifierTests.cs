using Loans.Grains.Verification;

namespace Loans.Tests.Rules;

public class CustomerVerifierTests
{
    private readonly CustomerVerifier verifier = new(FixedClock.At(2026, 11, 28));

    [Fact]
    public void The_seed_customer_passes_while_the_new_verification_is_off()
    {
        var result = verifier.Verify(Customers.Anna, newVerificationEnabled: false);

        Assert.Equal(VerificationStatus.VerificationPassed, result.Status);
        Assert.Equal(Customers.AnnaUuid, result.UserId);
        Assert.Empty(result.FailedChecks);
    }

    [Fact]
    public void The_new_verification_rejects_everyone_once_switched_on()
    {
        var result = verifier.Verify(Customers.Anna, newVerificationEnabled: true);

        Assert.Equal(VerificationStatus.VerificationFailed, result.Status);
        Assert.Equal(["new_type_of_verification"], result.FailedChecks);
    }

    [Fact]
    public void Shadow_mode_learns_that_the_new_verification_alone_would_reject_a_customer_the_standard_checks_pass()
    {
        Assert.Equal(VerificationStatus.VerificationPassed, verifier.Verify(Customers.Anna, newVerificationEnabled: false).Status);
        Assert.True(verifier.NewVerificationRejects(Customers.Anna));
    }

    [Fact]
    public void Reports_every_failed_check_by_name_only()
    {
        var customer = new Customer(Guid.NewGuid(), new Person("J4n", "Nowak", "86110302148", Gender.Male, new DateOnly(2020, 1, 1)));

        var result = verifier.Verify(customer, newVerificationEnabled: false);

        Assert.Equal(["age", "national_id_number", "name"], result.FailedChecks);
    }
}
