namespace Loans.Grains.Interfaces.Features;

/// <summary>A request to set a toggle, with who asks and why, for the audit trail.</summary>
[GenerateSerializer, Immutable, Alias("Loans.FeatureToggleChange")]
public sealed record FeatureToggleChange(
    [property: Id(0)] bool Enabled,
    [property: Id(1)] string ChangedBy,
    [property: Id(2)] string? Reason = null);
