namespace Loans.Grains.Interfaces.Features;

/// <summary>
/// A change of what a toggle is rather than how it is released: its description, its owner, or whether it is
/// archived. Null leaves a field as it is. Audited like a release change, with who asks and why.
/// </summary>
[GenerateSerializer, Immutable, Alias("Loans.FeatureToggleEdit")]
public sealed record FeatureToggleEdit(
    [property: Id(0)] string ChangedBy,
    [property: Id(1)] string? Reason = null,
    [property: Id(2)] string? Description = null,
    [property: Id(3)] string? Owner = null,
    [property: Id(4)] bool? Archived = null);
