using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;

namespace Loans.Grains.Features.Evaluation;

public static class FeatureEvaluationServiceCollectionExtensions
{
    /// <summary>
    /// Toggle evaluation by Microsoft.FeatureManagement (<see cref="IVariantFeatureManager"/>, <see cref="IFeatureManager"/>)
    /// from definitions the silo's toggle cache supplies, with the rollout filter that keeps today's buckets. The
    /// provider is registered first, so the library does not add its configuration-backed one.
    /// </summary>
    public static IServiceCollection AddLoansFeatureEvaluation(this IServiceCollection services)
    {
        services.AddSingleton<IFeatureDefinitionProvider, SiloCacheFeatureDefinitionProvider>();
        services.AddFeatureManagement()
            .AddFeatureFilter<RolloutFilter>()
            .AddFeatureFilter<RolloutWithoutCustomerFilter>();
        return services;
    }
}
