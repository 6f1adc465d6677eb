namespace Loans.Grains.Interfaces.Features;

/// <summary>
/// The answer to a toggle change: the toggle as it now is, and whether the request changed anything. A request
/// for the state the toggle already has (OFF to OFF) is not a change: nothing is stored, audited or counted.
/// </summary>
[GenerateSerializer, Immutable, Alias("Loans.FeatureToggleSetResult")]
public sealed record FeatureToggleSetResult(
    [property: Id(0)] FeatureToggle Toggle,
    [property: Id(1)] bool Changed);
