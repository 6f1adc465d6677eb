namespace Loans.Tests.Grains;

[Collection(ClusterCollection.Name)]
public class SyntheticOrderTests(LoansClusterFixture fixture)
{
    private ISyntheticOrdersGrain Registry => fixture.Client.GetGrain<ISyntheticOrdersGrain>(0);

    [Fact]
    public async Task A_synthetic_order_is_recorded_listed_and_purged()
    {
        var grain = fixture.Client.GetGrain<ILoanOrderGrain>(Guid.NewGuid());
        var order = await grain.Submit(Customers.ApplicationFor(Customers.Anna) with { Synthetic = true });

        Assert.True(order.Synthetic);
        Assert.Contains(order.Id, await Registry.List());

        Assert.True(await Registry.Purge() >= 1);

        Assert.Null(await grain.Get());
        Assert.DoesNotContain(order.Id, await Registry.List());
    }

    [Fact]
    public async Task A_registered_order_that_was_never_stored_is_skipped_and_forgotten_by_purge()
    {
        // What a silo lost between registering a synthetic order and storing it leaves behind.
        var neverStored = Guid.NewGuid();
        await Registry.Register(neverStored);

        await Registry.Purge();

        Assert.DoesNotContain(neverStored, await Registry.List());
        Assert.Null(await fixture.Client.GetGrain<ILoanOrderGrain>(neverStored).Get());
    }

    [Fact]
    public async Task A_real_order_is_never_purged()
    {
        var grain = fixture.Client.GetGrain<ILoanOrderGrain>(Guid.NewGuid());
        var order = await grain.Submit(Customers.ApplicationFor(Customers.Anna));

        Assert.False(order.Synthetic);
        Assert.False(await grain.PurgeSynthetic());
        Assert.NotNull(await grain.Get());
        Assert.DoesNotContain(order.Id, await Registry.List());
    }
}
