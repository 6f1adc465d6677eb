namespace Loans.Grains.Interfaces.Features;

/// <summary>One entry of a toggle's audit trail: the state before and after, who changed it, when and why.</summary>
[GenerateSerializer, Immutable, Alias("Loans.FeatureToggleChangeRecord")]
public sealed record FeatureToggleChangeRecord(
    [property: Id(0)] string Name,
    [property: Id(1)] string? OldState,
    [property: Id(2)] string NewState,
    [property: Id(3)] DateTimeOffset ChangedAt,
    [property: Id(4)] string ChangedBy,
    [property: Id(5)] string? Reason);
