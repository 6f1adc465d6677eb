using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Loans.Silo.Health;

/// <summary>Ready while this silo is Active in the cluster membership: joined, and not shutting down.</summary>
internal sealed class SiloMembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(silo.SiloAddress);
        var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        var data = new Dictionary<string, object> { ["silo"] = silo.SiloAddress.ToString(), ["activeSilos"] = active };
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo {silo.SiloAddress} is Active; {active} active silos in the cluster.", data)
            : HealthCheckResult.Unhealthy($"Silo {silo.SiloAddress} is {status}, not Active.", data: data));
    }
}
