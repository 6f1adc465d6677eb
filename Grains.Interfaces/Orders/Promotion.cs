namespace Loans.Grains.Interfaces.Orders;

[GenerateSerializer, Immutable, Alias("Loans.Promotion")]
public sealed record Promotion(
    [property: Id(0)] string Name,
    [property: Id(1)] decimal Discount);
