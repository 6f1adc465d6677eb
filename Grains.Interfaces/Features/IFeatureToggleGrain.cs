namespace Loans.Grains.Interfaces.Features;

/// <summary>One feature toggle, keyed by its name; caches the stored value.</summary>
[Alias("Loans.IFeatureToggleGrain")]
public interface IFeatureToggleGrain : IGrainWithStringKey
{
    /// <summary>
    /// Whether the toggle's stored mode is ON; an unknown toggle is off. A management read: application code evaluates
    /// toggles for a customer through Microsoft.FeatureManagement (IVariantFeatureManager), which also applies the
    /// rollout buckets and the time window.
    /// </summary>
    [Alias("IsEnabled"), ReadOnly]
    Task<bool> IsEnabled();

    [Alias("Get"), ReadOnly]
    Task<FeatureToggle> Get();

    /// <summary>
    /// Stores the value first, then serves it from the cache. A request for the state the toggle already has
    /// changes nothing and says so (<see cref="FeatureToggleSetResult.Changed"/> is false).
    /// </summary>
    [Alias("Set")]
    Task<FeatureToggleSetResult> Set(FeatureToggleChange change);
}
