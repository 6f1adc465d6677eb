namespace Loans.Grains.Interfaces.Health;

/// <summary>
/// Answers from the silo whose gateway received the call, so a client can tell that one silo serves without
/// depending on where any single grain is activated (a grain placed on a dying silo would look like an outage).
/// </summary>
[Alias("Loans.IClusterProbeGrain")]
public interface IClusterProbeGrain : IGrainWithIntegerKey
{
    [Alias("Probe")]
    Task<ClusterProbe> Probe();
}
