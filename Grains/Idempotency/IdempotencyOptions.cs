namespace Loans.Grains.Idempotency;

/// <summary>Section <c>Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>How long a used Idempotency-Key is remembered; at least 24 hours, as the IETF draft asks.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// When storage may delete a used key: an hour after its retention ends, so a key is never gone while a silo
    /// whose clock runs a little behind still counts it.
    /// </summary>
    public TimeSpan StorageExpiry => Retention + TimeSpan.FromHours(1);
}
