using Loans.Grains.Features.Exposure;

namespace Loans.Grains.Features;

[StatelessWorker]
public sealed class FeatureCatalogGrain(IFeatureToggleStore store, IFeatureToggleExposureCollector exposure) : Grain, IFeatureCatalogGrain
{
    public Task<IReadOnlyList<FeatureToggle>> List() => store.List();

    public Task<IReadOnlyList<FeatureToggleChangeRecord>> History(string name, int limit) => store.History(name, limit);

    public Task<IReadOnlyList<FeatureToggleChangeRecord>> HistoryPage(string name, int skip, int take) => store.History(name, take, skip);

    public Task<IReadOnlyList<FeatureToggleChangeRecord>> RecentHistory(int limit) => store.History(name: null, limit);

    public Task<FeatureToggleExposure> Exposure(string name) => exposure.Collect(name);
}
