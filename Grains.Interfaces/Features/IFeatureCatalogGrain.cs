namespace Loans.Grains.Interfaces.Features;

/// <summary>Lists every stored toggle.</summary>
[Alias("Loans.IFeatureCatalogGrain")]
public interface IFeatureCatalogGrain : IGrainWithIntegerKey
{
    [Alias("List")]
    Task<IReadOnlyList<FeatureToggle>> List();

    /// <summary>The latest changes of one toggle, newest first.</summary>
    [Alias("History")]
    Task<IReadOnlyList<FeatureToggleChangeRecord>> History(string name, int limit);

    /// <summary>The latest changes of every toggle, newest first, as the admin console lists them.</summary>
    [Alias("RecentHistory")]
    Task<IReadOnlyList<FeatureToggleChangeRecord>> RecentHistory(int limit);
}
