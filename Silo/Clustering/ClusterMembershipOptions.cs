using System.ComponentModel.DataAnnotations;
using Loans.Api.Hosting;

namespace Loans.Silo.Clustering;

/// <summary>
/// How this silo finds the others and where it listens. Section <c>Cluster</c>: the cluster, its membership and the
/// gateway port are shared with the API (<see cref="ClusterSettings"/>). The same section also carries Orleans' own
/// membership tuning (<c>ProbeTimeout</c>, <c>NumMissedProbesLimit</c>, ...), bound to
/// <see cref="Orleans.Configuration.ClusterMembershipOptions"/> as it is.
/// </summary>
public sealed class ClusterMembershipOptions : ClusterSettings
{
    /// <summary>
    /// Redis mode only: the address other silos and clients use to reach this silo. Empty: the host name's
    /// first IPv4 address, or loopback when it has none.
    /// </summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>
    /// Redis mode only: how long the silo waits at start-up for Redis to answer before it exits naming
    /// RedisConnectionString and the address. Orchestrators start containers in any order; this is the slack.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Redis mode only: declare a peer dead as soon as its silo port refuses connections twice in a row, instead of
    /// after <c>NumMissedProbesLimit</c> missed probes. Orders whose grain directory entry the crashed silo owned wait
    /// for that declaration.
    /// </summary>
    public bool DeclareDeadOnRefusedConnection { get; set; } = true;

    /// <summary>Port for silo-to-silo traffic.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in base.Validate(validationContext))
        {
            yield return result;
        }

        if (!string.IsNullOrWhiteSpace(AdvertisedIPAddress) && !System.Net.IPAddress.TryParse(AdvertisedIPAddress, out _))
        {
            yield return new ValidationResult($"'{AdvertisedIPAddress}' is not an IP address.", [nameof(AdvertisedIPAddress)]);
        }
    }
}
