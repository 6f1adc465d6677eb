namespace Loans.Grains.Interfaces.Orders;

/// <summary>A customer applying for a loan.</summary>
[GenerateSerializer, Immutable, Alias("Loans.Customer")]
public sealed record Customer(
    [property: Id(0)] Guid Uuid,
    [property: Id(1)] Person Person);
