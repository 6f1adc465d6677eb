namespace Loans.Grains.Features;

[StatelessWorker]
public sealed class FeatureCatalogGrain(IFeatureToggleStore store) : Grain, IFeatureCatalogGrain
{
    public Task<IReadOnlyList<FeatureToggle>> List() => store.List();
}
