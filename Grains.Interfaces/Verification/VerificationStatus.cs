namespace Loans.Grains.Interfaces.Verification;

[GenerateSerializer]
public enum VerificationStatus
{
    VerificationPassed = 1,
    VerificationFailed = 2,
}
