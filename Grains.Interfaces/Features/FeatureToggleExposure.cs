namespace Loans.Grains.Interfaces.Features;

/// <summary>
/// How many verifications each variant of a toggle decided over a recent window, counted by the silos that
/// evaluated it (the same measurements as <c>loans_feature_toggle_evaluations_total</c>).
/// <see cref="Silos"/> is how many silos answered; one that did not is missing from the counts.
/// </summary>
[GenerateSerializer, Immutable, Alias("Loans.FeatureToggleExposure")]
public sealed record FeatureToggleExposure(
    [property: Id(0)] string Name,
    [property: Id(1)] TimeSpan Window,
    [property: Id(2)] IReadOnlyList<FeatureToggleVariantCount> Variants,
    [property: Id(3)] int Silos)
{
    public long Total => Variants.Sum(v => v.Count);
}

/// <summary>Verifications decided by one variant (off, on, shadow, percentage_in, percentage_out).</summary>
[GenerateSerializer, Immutable, Alias("Loans.FeatureToggleVariantCount")]
public sealed record FeatureToggleVariantCount(
    [property: Id(0)] string Variant,
    [property: Id(1)] long Count);
