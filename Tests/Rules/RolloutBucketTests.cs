using Loans.Grains.Features;

namespace Loans.Tests.Rules;

public class RolloutBucketTests
{
    private static readonly Guid[] Customers = Enumerable.Range(0, 20_000).Select(i => new Guid(i, 7, 7, [1, 2, 3, 4, 5, 6, 7, 8])).ToArray();

    [Fact]
    public void The_same_customer_always_lands_in_the_same_bucket()
    {
        var customer = Guid.Parse("33d2f13c-6d96-4883-9871-1e158ced00f2");

        Assert.Equal(RolloutBucket.Of("NEW_VERIFICATION", customer), RolloutBucket.Of("NEW_VERIFICATION", customer));
        // Pinned (computed independently: SHA-256 of the name and the RFC 4122 bytes, first 8 bytes mod 100):
        // changing the function would silently move customers in and out of a running rollout.
        Assert.Equal(25, RolloutBucket.Of("NEW_VERIFICATION", customer));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(50)]
    [InlineData(100)]
    public void A_percentage_reaches_about_that_share_of_customers(int percentage)
    {
        var share = Customers.Count(c => RolloutBucket.IsIn("NEW_VERIFICATION", c, percentage)) * 100.0 / Customers.Length;

        Assert.InRange(share, percentage - 1.5, percentage + 1.5);
    }

    [Fact]
    public void Raising_the_percentage_only_adds_customers()
    {
        var atTen = Customers.Where(c => RolloutBucket.IsIn("NEW_VERIFICATION", c, 10)).ToHashSet();
        var atFifty = Customers.Where(c => RolloutBucket.IsIn("NEW_VERIFICATION", c, 50)).ToHashSet();

        Assert.Subset(atFifty, atTen);
    }

    [Fact]
    public void Different_toggles_roll_out_to_different_customers()
    {
        var first = Customers.Where(c => RolloutBucket.IsIn("NEW_VERIFICATION", c, 10)).ToHashSet();
        var second = Customers.Where(c => RolloutBucket.IsIn("OTHER_FEATURE", c, 10)).ToHashSet();

        Assert.InRange(first.Intersect(second).Count() * 100.0 / first.Count, 5, 15);
    }
}
