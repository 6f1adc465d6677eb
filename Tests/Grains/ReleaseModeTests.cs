using Loans.Grains.Features;

namespace Loans.Tests.Grains;

/// <summary>Releasing NEW_VERIFICATION step by step: shadow, then a percentage of customers, then everybody.</summary>
[Collection(ClusterCollection.Name)]
public class ReleaseModeTests(LoansClusterFixture fixture)
{
    private IFeatureToggleGrain NewVerification => fixture.Client.GetGrain<IFeatureToggleGrain>(FeatureNames.NewVerification);

    [Fact]
    public async Task Shadow_mode_evaluates_the_new_verification_without_acting_on_it()
    {
        try
        {
            var toggle = (await NewVerification.Set(new FeatureToggleChange(FeatureToggleMode.Shadow, 0, "tests"))).Toggle;
            Assert.False(toggle.Enabled);

            var order = await Submit(Customers.Anna);

            Assert.Equal(LoanOrderStatus.Verified, order.Status);
        }
        finally
        {
            await fixture.SwitchOff(FeatureNames.NewVerification);
        }
    }

    [Fact]
    public async Task A_percentage_rollout_applies_to_the_customers_in_its_buckets_and_always_to_the_same_ones()
    {
        try
        {
            await NewVerification.Set(new FeatureToggleChange(FeatureToggleMode.Percentage, 30, "tests"));
            var customers = Enumerable.Range(0, 40).Select(i => Customers.BornOn(new DateOnly(1980, 1, 1).AddDays(i))).ToArray();

            foreach (var customer in customers)
            {
                var expected = RolloutBucket.IsIn(FeatureNames.NewVerification, customer.Uuid, 30) ? LoanOrderStatus.Rejected : LoanOrderStatus.Verified;
                Assert.Equal(expected, (await Submit(customer)).Status);
                Assert.Equal(expected, (await Submit(customer)).Status);
            }

            var rejected = customers.Count(c => RolloutBucket.IsIn(FeatureNames.NewVerification, c.Uuid, 30));
            Assert.InRange(rejected, 1, customers.Length - 1);
        }
        finally
        {
            await fixture.SwitchOff(FeatureNames.NewVerification);
        }
    }

    [Fact]
    public async Task Every_step_of_a_release_is_in_the_audit_trail()
    {
        try
        {
            await NewVerification.Set(new FeatureToggleChange(FeatureToggleMode.Shadow, 0, "release-manager", "step 1"));
            await NewVerification.Set(new FeatureToggleChange(FeatureToggleMode.Percentage, 10, "release-manager", "step 2"));
            await NewVerification.Set(new FeatureToggleChange(true, "release-manager", "step 3"));

            var states = await fixture.ToggleHistory(FeatureNames.NewVerification, 3);

            Assert.Equal(["SHADOW", "PERCENTAGE 10", "ON"], states);
        }
        finally
        {
            await fixture.SwitchOff(FeatureNames.NewVerification);
        }
    }

    private Task<LoanOrder> Submit(Customer customer) =>
        fixture.Client.GetGrain<ILoanOrderGrain>(Guid.NewGuid()).Submit(Customers.ApplicationFor(customer));
}
