namespace Loans.Grains.Interfaces.Orders;

/// <summary>A stored loan order with the verdict of the fraud checks; synthetic when a smoke test sent it.</summary>
[GenerateSerializer, Immutable, Alias("Loans.LoanOrder")]
public sealed record LoanOrder(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid Uuid,
    [property: Id(2)] Customer Customer,
    [property: Id(3)] DateTimeOffset OrderDate,
    [property: Id(4)] decimal Amount,
    [property: Id(5)] decimal InterestRate,
    [property: Id(6)] decimal Commission,
    [property: Id(7)] IReadOnlyList<Promotion> Promotions,
    [property: Id(8)] LoanOrderStatus Status,
    [property: Id(9)] bool Synthetic = false);
