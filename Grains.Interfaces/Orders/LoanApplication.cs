namespace Loans.Grains.Interfaces.Orders;

/// <summary>
/// What a client submits: a loan order before the system has verified and stored it. A synthetic order is
/// sent by a smoke test in production: it is processed like any other but kept out of business figures.
/// </summary>
[GenerateSerializer, Immutable, Alias("Loans.LoanApplication")]
public sealed record LoanApplication(
    [property: Id(0)] Guid Uuid,
    [property: Id(1)] Customer Customer,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] decimal InterestRate,
    [property: Id(4)] decimal Commission,
    [property: Id(5)] IReadOnlyList<Promotion> Promotions,
    [property: Id(6)] bool Synthetic = false)
{
    public const decimal DefaultAmount = 1000m;
    public const decimal DefaultInterestRate = 0.05m;
    public const decimal DefaultCommission = 100m;
}
