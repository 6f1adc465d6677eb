namespace Loans.Grains.Features;

[StatelessWorker]
public sealed class FeatureCatalogGrain(IFeatureToggleStore store) : Grain, IFeatureCatalogGrain
{
    public Task<IReadOnlyList<FeatureToggle>> List() => store.List();

    public Task<IReadOnlyList<FeatureToggleChangeRecord>> History(string name, int limit) => store.History(name, limit);

    public Task<IReadOnlyList<FeatureToggleChangeRecord>> RecentHistory(int limit) => store.History(name: null, limit);
}
