using Loans.Grains;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Storage;

namespace Loans.Silo.Health;

/// <summary>Ready when the order storage answers a read (of a probe record that never exists).</summary>
internal sealed class GrainStorageHealthCheck(IServiceProvider services) : IHealthCheck
{
    private static readonly GrainId Probe = GrainId.Create("health", "probe");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Orders);
            await storage.ReadStateAsync("health", Probe, new GrainState<ProbeState>()).WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Grain storage '{StorageNames.Orders}' answers reads.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Grain storage '{StorageNames.Orders}' cannot be read: {exception.Message}");
        }
    }

    internal sealed class ProbeState;
}
