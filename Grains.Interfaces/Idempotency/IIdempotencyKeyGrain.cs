namespace Loans.Grains.Interfaces.Idempotency;

/// <summary>
/// One client-chosen Idempotency-Key. It remembers the fingerprint of the first request that used it
/// and the order that request created, for at least the retention period.
/// </summary>
[Alias("Loans.IIdempotencyKeyGrain")]
public interface IIdempotencyKeyGrain : IGrainWithStringKey
{
    /// <summary>Claims the key for a request, or tells which order an earlier identical request created.</summary>
    /// <remarks>
    /// Claiming again with the same fingerprint and order id (a retry whose answer was lost) answers
    /// <see cref="IdempotencyClaimOutcome.Replayed"/> with that same id. A <paramref name="cancellationToken"/> that
    /// has fired before the claim is written stops it unwritten.
    /// </remarks>
    [Alias("Claim")]
    Task<IdempotencyClaim> Claim(string requestFingerprint, Guid proposedOrderId, CancellationToken cancellationToken = default);
}
