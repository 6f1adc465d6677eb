using Loans.Grains.Features.Evaluation;
using Microsoft.FeatureManagement;

namespace Loans.Grains.Verification;

/// <summary>
/// Runs the fraud rules and a toggle evaluation of every release mode on a sample customer, outside any grain, so
/// that a starting silo compiles them before its first order does. Nothing is recorded: no metric, trace or
/// exposure, and the silo's toggle cache is not read (filling it takes a grain call, which waits for the silo to
/// be active). The evaluation uses the library and filters the silo's verifiers use, over sample definitions.
/// </summary>
public sealed class VerificationWarmUp(CustomerVerifier verifier, IEnumerable<IFeatureFilterMetadata> filters)
{
    private static readonly Customer Sample = new(
        Guid.Parse("33d2f13c-6d96-4883-9871-1e158ced00f2"),
        new Person("Anna", "Kowalska", "86110302148", Gender.Female, new DateOnly(1986, 11, 3)));

    private static readonly FeatureToggle[] EveryMode =
    [
        new("warm-up-on", FeatureToggleMode.On, 100, null, null),
        new("warm-up-percentage", FeatureToggleMode.Percentage, 50, null, null),
        new("warm-up-shadow", FeatureToggleMode.Shadow, 0, null, null),
        new("warm-up-off", FeatureToggleMode.Off, 0, null, null),
    ];

    public async Task Run()
    {
        var features = new FeatureManager(new SampleDefinitions(), new FeatureManagementOptions()) { FeatureFilters = filters };
        foreach (var toggle in EveryMode)
        {
            var variant = ReleaseVariant.Of(await features.GetVariantAsync(toggle.Name, new CustomerTargetingContext(Sample.Uuid)));
            var result = verifier.Verify(Sample, ReleaseVariant.ActsOn(variant));
            _ = result.Passed && verifier.NewVerificationRejects(Sample);
        }
    }

    private sealed class SampleDefinitions : IFeatureDefinitionProvider
    {
        public Task<FeatureDefinition> GetFeatureDefinitionAsync(string featureName) =>
            Task.FromResult(FeatureToggleDefinition.Of(EveryMode.Single(t => t.Name == featureName)));

        public IAsyncEnumerable<FeatureDefinition> GetAllFeatureDefinitionsAsync() =>
            EveryMode.Select(FeatureToggleDefinition.Of).ToAsyncEnumerable();
    }
}
