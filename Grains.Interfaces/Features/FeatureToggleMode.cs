namespace Loans.Grains.Interfaces.Features;

/// <summary>How a toggle is released: the steps of a release from deployed-but-off to on for everyone.</summary>
[GenerateSerializer]
public enum FeatureToggleMode
{
    /// <summary>Nobody gets the feature.</summary>
    Off = 0,

    /// <summary>Everybody gets the feature.</summary>
    On = 1,

    /// <summary>The feature is evaluated for everybody but not acted on; its effect is only measured.</summary>
    Shadow = 2,

    /// <summary>A stable share of customers (by a hash of their uuid) gets the feature.</summary>
    Percentage = 3,
}
