namespace Loans.Grains.Interfaces.Features;

/// <summary>One feature toggle, keyed by its name; caches the stored value.</summary>
[Alias("Loans.IFeatureToggleGrain")]
public interface IFeatureToggleGrain : IGrainWithStringKey
{
    /// <summary>Whether the toggle is on; an unknown toggle is off.</summary>
    [Alias("IsEnabled"), ReadOnly]
    Task<bool> IsEnabled();

    [Alias("Get"), ReadOnly]
    Task<FeatureToggle> Get();

    /// <summary>Stores the value first, then serves it from the cache.</summary>
    [Alias("Set")]
    Task<FeatureToggle> Set(FeatureToggleChange change);
}
