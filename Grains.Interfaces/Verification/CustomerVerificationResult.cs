namespace Loans.Grains.Interfaces.Verification;

/// <summary>The fraud verifier's verdict on one customer and which checks failed, for logs and traces.</summary>
[GenerateSerializer, Immutable, Alias("Loans.CustomerVerificationResult")]
public sealed record CustomerVerificationResult(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] VerificationStatus Status,
    [property: Id(2)] IReadOnlyList<string> FailedChecks)
{
    public bool Passed => Status == VerificationStatus.VerificationPassed;
}
