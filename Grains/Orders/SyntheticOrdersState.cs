namespace Loans.Grains.Orders;

[GenerateSerializer, Alias("Loans.SyntheticOrdersState")]
public sealed class SyntheticOrdersState
{
    [Id(0)]
    public HashSet<Guid> OrderIds { get; set; } = [];
}
