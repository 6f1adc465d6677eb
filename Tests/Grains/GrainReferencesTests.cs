using Loans.Grains.Interfaces;
using Loans.Grains.Interfaces.Idempotency;
using Orleans.Runtime;

namespace Loans.Tests.Grains;

/// <summary>
/// The hot paths build grain references from types resolved once; each must be the very reference Orleans'
/// GetGrain gives for the same key (same grain, same interface), the first time and every time after.
/// </summary>
[Collection(ClusterCollection.Name)]
public class GrainReferencesTests(LoansClusterFixture fixture)
{
    [Fact]
    public void A_guid_keyed_reference_is_the_one_GetGrain_gives()
    {
        foreach (var key in new[] { Guid.NewGuid(), Guid.NewGuid() })
        {
            AssertSameReference(fixture.Client.GetGrain<ILoanOrderGrain>(key), fixture.Client.ReferenceTo<ILoanOrderGrain>(key));
        }
    }

    [Fact]
    public void A_string_keyed_reference_is_the_one_GetGrain_gives()
    {
        foreach (var key in new[] { "first key", "second key" })
        {
            AssertSameReference(fixture.Client.GetGrain<IIdempotencyKeyGrain>(key), fixture.Client.ReferenceTo<IIdempotencyKeyGrain>(key));
        }
    }

    [Fact]
    public void An_integer_keyed_reference_is_the_one_GetGrain_gives()
    {
        foreach (var key in new[] { 0L, 42L })
        {
            AssertSameReference(fixture.Client.GetGrain<IFraudVerifierGrain>(key), fixture.Client.ReferenceTo<IFraudVerifierGrain>(key));
        }
    }

    [Fact]
    public async Task A_reference_reaches_its_grain()
    {
        var orderId = Guid.NewGuid();

        var order = await fixture.Client.ReferenceTo<ILoanOrderGrain>(orderId).Get();

        Assert.Null(order);
        Assert.Equal(orderId, fixture.Client.ReferenceTo<ILoanOrderGrain>(orderId).GetPrimaryKey());
    }

    private static void AssertSameReference(IAddressable expected, IAddressable actual)
    {
        Assert.Equal(expected.GetGrainId(), actual.GetGrainId());
        Assert.Equal(((GrainReference)expected).InterfaceType, ((GrainReference)actual).InterfaceType);
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected, actual);
    }
}
