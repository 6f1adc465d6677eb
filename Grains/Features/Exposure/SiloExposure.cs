namespace Loans.Grains.Features.Exposure;

/// <summary>One silo's exposure counts of a toggle, with the process that counted them (see <see cref="ToggleEvaluationRecorder.Process"/>).</summary>
[GenerateSerializer, Immutable, Alias("Loans.SiloExposure")]
public sealed record SiloExposure(
    [property: Id(0)] Guid Process,
    [property: Id(1)] IReadOnlyList<FeatureToggleVariantCount> Variants);
