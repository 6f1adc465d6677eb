using Microsoft.Extensions.Configuration;
using Microsoft.FeatureManagement;

namespace Loans.Grains.Features.Evaluation;

/// <summary>
/// A percentage rollout by <see cref="RolloutBucket"/>: the customer is in when their bucket (SHA-256 of the toggle's
/// name and their uuid, mod 100) is below the percentage. The library's own targeting filter hashes differently,
/// so using it would move customers in and out of a running rollout; this filter keeps every customer's answer.
/// </summary>
[FilterAlias(Alias)]
public sealed class RolloutFilter : IContextualFeatureFilter<CustomerTargetingContext>, IFilterParametersBinder
{
    public const string Alias = "Loans.Rollout";

    public Task<bool> EvaluateAsync(FeatureFilterEvaluationContext featureFilterContext, CustomerTargetingContext appContext)
    {
        var settings = (RolloutFilterSettings?)featureFilterContext.Settings ?? new RolloutFilterSettings();
        return Task.FromResult(RolloutBucket.IsIn(featureFilterContext.FeatureName, appContext.Customer, settings.Percentage));
    }

    /// <summary>For definitions that come from configuration (<c>Parameters: { Percentage: 10 }</c>).</summary>
    public object BindParameters(IConfiguration parameters) => parameters.Get<RolloutFilterSettings>() ?? new RolloutFilterSettings();
}
