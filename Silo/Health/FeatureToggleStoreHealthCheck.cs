using Loans.Grains.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Loans.Silo.Health;

/// <summary>Ready when the toggle database lists its toggles.</summary>
internal sealed class FeatureToggleStoreHealthCheck(IFeatureToggleStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var toggles = await store.List(cancellationToken);
            return HealthCheckResult.Healthy($"The toggle database lists {toggles.Count} toggles.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The toggle database cannot be read: {exception.Message}");
        }
    }
}
