namespace Loans.Grains.Idempotency;

[GenerateSerializer, Alias("Loans.IdempotencyKeyState")]
public sealed class IdempotencyKeyState
{
    [Id(0)]
    public string? RequestFingerprint { get; set; }

    [Id(1)]
    public Guid OrderId { get; set; }

    [Id(2)]
    public DateTimeOffset ClaimedAt { get; set; }
}
