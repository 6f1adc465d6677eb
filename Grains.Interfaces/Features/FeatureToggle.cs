namespace Loans.Grains.Interfaces.Features;

/// <summary>A toggle's value, and who changed it last and when (null for a toggle never changed).</summary>
[GenerateSerializer, Immutable, Alias("Loans.FeatureToggle")]
public sealed record FeatureToggle(
    [property: Id(0)] string Name,
    [property: Id(1)] bool Enabled,
    [property: Id(2)] DateTimeOffset? UpdatedAt,
    [property: Id(3)] string? UpdatedBy);
