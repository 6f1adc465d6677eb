namespace Loans.Grains.Interfaces.Features;

/// <summary>What a toggle means for one customer: act on the feature, only measure it, or neither.</summary>
[GenerateSerializer, Immutable, Alias("Loans.FeatureDecision")]
public sealed record FeatureDecision(
    [property: Id(0)] bool Active,
    [property: Id(1)] bool Shadow)
{
    public static readonly FeatureDecision Inactive = new(false, false);
}
