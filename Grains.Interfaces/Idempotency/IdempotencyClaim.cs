namespace Loans.Grains.Interfaces.Idempotency;

[GenerateSerializer]
public enum IdempotencyClaimOutcome
{
    /// <summary>The key was free and now belongs to this request.</summary>
    Claimed = 1,
    /// <summary>The key was used before with the same request: replay its result.</summary>
    Replayed = 2,
    /// <summary>The key was used before with a different request.</summary>
    Mismatch = 3,
}

/// <summary>The answer to claiming an idempotency key: which order the request maps to.</summary>
[GenerateSerializer, Immutable, Alias("Loans.IdempotencyClaim")]
public sealed record IdempotencyClaim(
    [property: Id(0)] IdempotencyClaimOutcome Outcome,
    [property: Id(1)] Guid OrderId);
