namespace Loans.Grains.Interfaces.Features;

/// <summary>Lists every stored toggle, their audit trail, and their exposure on the silos.</summary>
[Alias("Loans.IFeatureCatalogGrain")]
public interface IFeatureCatalogGrain : IGrainWithIntegerKey
{
    [Alias("List")]
    Task<IReadOnlyList<FeatureToggle>> List();

    /// <summary>The latest changes of one toggle, newest first.</summary>
    [Alias("History")]
    Task<IReadOnlyList<FeatureToggleChangeRecord>> History(string name, int limit);

    /// <summary>One page of a toggle's changes, newest first: <paramref name="skip"/> newer changes are left out.</summary>
    [Alias("HistoryPage")]
    Task<IReadOnlyList<FeatureToggleChangeRecord>> HistoryPage(string name, int skip, int take);

    /// <summary>The latest changes of every toggle, newest first, as the admin console lists them.</summary>
    [Alias("RecentHistory")]
    Task<IReadOnlyList<FeatureToggleChangeRecord>> RecentHistory(int limit);

    /// <summary>Verifications per variant of the toggle over the last hour, asked of every active silo.</summary>
    [Alias("Exposure")]
    Task<FeatureToggleExposure> Exposure(string name);
}
