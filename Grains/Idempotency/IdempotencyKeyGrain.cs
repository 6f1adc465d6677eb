using Loans.Grains.Interfaces.Idempotency;
using Microsoft.Extensions.Options;

namespace Loans.Grains.Idempotency;

public sealed class IdempotencyKeyGrain(
    [PersistentState("key", StorageNames.Idempotency)] IPersistentState<IdempotencyKeyState> state,
    IOptions<IdempotencyOptions> options,
    TimeProvider clock) : Grain, IIdempotencyKeyGrain
{
    public async Task<IdempotencyClaim> Claim(string requestFingerprint, Guid proposedOrderId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var current = state.State;
        if (current.RequestFingerprint is not null && now - current.ClaimedAt < options.Value.Retention)
        {
            var outcome = current.RequestFingerprint == requestFingerprint
                ? IdempotencyClaimOutcome.Replayed
                : IdempotencyClaimOutcome.Mismatch;
            return new IdempotencyClaim(outcome, current.OrderId);
        }

        if (current.RequestFingerprint is not null)
        {
            // The claim has run out, and storage deletes run-out keys (Idempotency:Retention plus an hour), maybe
            // under this activation: read again, so the new claim is written against what is stored now.
            await state.ReadStateAsync();
            current = state.State;
        }

        // Past the caller's deadline the claim is not written: the key stays free for the client's retry.
        cancellationToken.ThrowIfCancellationRequested();
        state.State = new IdempotencyKeyState { RequestFingerprint = requestFingerprint, OrderId = proposedOrderId, ClaimedAt = now };
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            state.State = current;
            DeactivateOnIdle();
            throw;
        }

        return new IdempotencyClaim(IdempotencyClaimOutcome.Claimed, proposedOrderId);
    }
}
