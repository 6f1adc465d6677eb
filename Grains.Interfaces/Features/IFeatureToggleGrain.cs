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

    /// <summary>
    /// Changes the description, the owner, or archives or restores the toggle, audited; pushed to every silo like
    /// <see cref="Set"/>, so an archived toggle evaluates as off on the very next order. An edit of a toggle
    /// never stored answers null: there is nothing to describe or archive.
    /// </summary>
    [Alias("Edit")]
    Task<FeatureToggleSetResult?> Edit(FeatureToggleEdit edit);
}
