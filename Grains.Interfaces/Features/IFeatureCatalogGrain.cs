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
}
