using Microsoft.FeatureManagement;

namespace Loans.Grains.Features.Evaluation;

/// <summary>
/// The <see cref="RolloutFilter"/>'s answer when a toggle is evaluated without a customer (no
/// <see cref="CustomerTargetingContext"/>): nobody is in the rollout. Without it the library would skip the
/// filter it cannot call, and a percentage toggle with a time window would then read as on for everybody.
/// </summary>
[FilterAlias(RolloutFilter.Alias)]
public sealed class RolloutWithoutCustomerFilter : IFeatureFilter
{
    public Task<bool> EvaluateAsync(FeatureFilterEvaluationContext context) => Task.FromResult(false);
}
