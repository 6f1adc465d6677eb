namespace Loans.Grains.Orders;

public sealed class SyntheticOrdersGrain(
    [PersistentState("synthetic", StorageNames.Orders)] IPersistentState<SyntheticOrdersState> state) : Grain, ISyntheticOrdersGrain
{
    public async Task Register(Guid orderId)
    {
        if (state.State.OrderIds.Add(orderId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<Guid>> List() => Task.FromResult<IReadOnlyList<Guid>>([.. state.State.OrderIds.Order()]);

    public async Task<int> Purge()
    {
        var purged = 0;
        foreach (var orderId in state.State.OrderIds.ToArray())
        {
            if (await GrainFactory.GetGrain<ILoanOrderGrain>(orderId).PurgeSynthetic())
            {
                purged++;
            }

            // Forget the id either way: an order that is gone or not synthetic must not be retried forever.
            state.State.OrderIds.Remove(orderId);
            await state.WriteStateAsync();
        }

        return purged;
    }
}
