using System.Runtime.CompilerServices;
using Loans.Grains.Features.SiloCache;
using Microsoft.FeatureManagement;

namespace Loans.Grains.Features.Evaluation;

/// <summary>
/// Feature definitions for Microsoft.FeatureManagement, read from this silo's <see cref="SiloFeatureToggleCache"/>:
/// a toggle's grain pushes every change into each silo's cache before the change is acknowledged, so the library
/// evaluates the new value on the very next call, and an evaluation costs no grain call.
/// </summary>
public sealed class SiloCacheFeatureDefinitionProvider(SiloFeatureToggleCache toggles) : IFeatureDefinitionProvider
{
    // A cached toggle is replaced, never changed: its definition is built once per value, not per evaluation.
    private readonly ConditionalWeakTable<FeatureToggle, FeatureDefinition> definitions = new();

    public async Task<FeatureDefinition> GetFeatureDefinitionAsync(string featureName) => Define(await toggles.Get(featureName));

    public IAsyncEnumerable<FeatureDefinition> GetAllFeatureDefinitionsAsync() =>
        toggles.Snapshot().Select(Define).ToAsyncEnumerable();

    private FeatureDefinition Define(FeatureToggle toggle) => definitions.GetValue(toggle, FeatureToggleDefinition.Of);
}
