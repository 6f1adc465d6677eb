using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Loans.Api.Health;

/// <summary>Ready when a silo answers a grain call: the management grain lists the active silos.</summary>
internal sealed class ClusterHealthCheck(IClusterClient cluster) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(cancellationToken);
            var data = new Dictionary<string, object> { ["activeSilos"] = hosts.Count };
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silos reachable.", data)
                : HealthCheckResult.Unhealthy("The cluster reports no active silo.", data: data);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"No silo answered: {exception.GetType().Name}: {exception.Message}");
        }
    }
}
