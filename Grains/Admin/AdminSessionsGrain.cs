using Loans.Grains.Interfaces.Admin;

namespace Loans.Grains.Admin;

public sealed class AdminSessionsGrain(
    [PersistentState("sessions", StorageNames.AdminSessions)] IPersistentState<AdminSessionsState> state,
    TimeProvider clock) : Grain, IAdminSessionsGrain
{
    public Task<DateTimeOffset?> ValidAfter() => Task.FromResult(state.State.ValidAfter);

    public async Task<DateTimeOffset> EndAll()
    {
        var now = clock.GetUtcNow();
        var previous = state.State.ValidAfter;
        // Never moves back: a replica whose clock lags must not revive sessions another one ended.
        state.State.ValidAfter = previous is { } earlier && earlier > now ? earlier : now;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not written means not ended: the caller sees the fault, and the next call reads what is stored.
            state.State.ValidAfter = previous;
            DeactivateOnIdle();
            throw;
        }

        return state.State.ValidAfter.Value;
    }
}
