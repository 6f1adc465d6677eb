namespace Loans.Grains.Idempotency;

/// <summary>Section <c>Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>How long a used Idempotency-Key is remembered; at least 24 hours, as the IETF draft asks.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
}
