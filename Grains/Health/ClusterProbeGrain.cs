using Loans.Grains.Interfaces.Health;

namespace Loans.Grains.Health;

/// <summary>
/// A stateless worker is activated on the silo that received the call, so the answer proves that silo's gateway
/// and scheduler work; it touches no storage and no other grain.
/// </summary>
[StatelessWorker]
public sealed class ClusterProbeGrain(IClusterMembershipService membership, ILocalSiloDetails silo) : Grain, IClusterProbeGrain
{
    public Task<ClusterProbe> Probe() => Task.FromResult(new ClusterProbe(
        silo.SiloAddress.ToString(),
        membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active)));
}
