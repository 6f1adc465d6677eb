namespace Loans.Grains.Interfaces.Features;

/// <summary>Lists every stored toggle.</summary>
[Alias("Loans.IFeatureCatalogGrain")]
public interface IFeatureCatalogGrain : IGrainWithIntegerKey
{
    [Alias("List")]
    Task<IReadOnlyList<FeatureToggle>> List();
}
