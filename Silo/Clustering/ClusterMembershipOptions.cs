using System.ComponentModel.DataAnnotations;

namespace Loans.Silo.Clustering;

/// <summary>
/// How this silo finds the others and where it listens. Section <c>Cluster</c>. The same section also
/// carries Orleans' own membership tuning (<c>ProbeTimeout</c>, <c>NumMissedProbesLimit</c>, ...), bound to
/// <see cref="Orleans.Configuration.ClusterMembershipOptions"/> as it is.
/// </summary>
public sealed class ClusterMembershipOptions : IValidatableObject
{
    public const string SectionName = "Cluster";

    /// <summary><c>Localhost</c> (one machine, nothing to install) or <c>Redis</c> (silos on many hosts).</summary>
    public ClusterMembershipKind Membership { get; set; } = ClusterMembershipKind.Localhost;

    /// <summary>StackExchange.Redis connection string of the membership table; required when Membership is Redis.</summary>
    public string? RedisConnectionString { get; set; }

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

    /// <summary>Silos and clients with the same cluster id form one cluster.</summary>
    [Required]
    public string ClusterId { get; set; } = "loans";

    /// <summary>Identifies the service across deployments; storage is keyed by it.</summary>
    [Required]
    public string ServiceId { get; set; } = "loan-orders";

    /// <summary>Port for silo-to-silo traffic.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port the API (and other clients) connect to.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Membership))
        {
            yield return new ValidationResult($"must be one of {string.Join(", ", Enum.GetNames<ClusterMembershipKind>())}.", [nameof(Membership)]);
        }

        if (Membership == ClusterMembershipKind.Redis && string.IsNullOrWhiteSpace(RedisConnectionString))
        {
            yield return new ValidationResult(
                $"is required when {SectionName}:{nameof(Membership)} is Redis (for example redis:6379).", [nameof(RedisConnectionString)]);
        }

        if (!string.IsNullOrWhiteSpace(AdvertisedIPAddress) && !System.Net.IPAddress.TryParse(AdvertisedIPAddress, out _))
        {
            yield return new ValidationResult($"'{AdvertisedIPAddress}' is not an IP address.", [nameof(AdvertisedIPAddress)]);
        }
    }
}
