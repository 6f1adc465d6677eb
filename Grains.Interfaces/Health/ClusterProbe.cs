namespace Loans.Grains.Interfaces.Health;

/// <summary>What the silo that answered a readiness probe sees: its own address and the silos it knows to be Active.</summary>
[GenerateSerializer, Immutable, Alias("Loans.ClusterProbe")]
public sealed record ClusterProbe(
    [property: Id(0)] string Silo,
    [property: Id(1)] int ActiveSilos);
