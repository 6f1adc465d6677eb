using System.ComponentModel.DataAnnotations;

namespace Loans.Api.Hosting;

/// <summary>
/// The settings of section <c>Cluster</c> that the silo and the API share, validated alike: which cluster, and
/// where its membership is kept. Each host adds its own (the silo its ports and start-up wait, the API its
/// timeouts).
/// </summary>
public abstract class ClusterSettings : IValidatableObject
{
    public const string SectionName = "Cluster";

    /// <summary><c>Localhost</c> (one machine, nothing to install) or <c>Redis</c> (silos on many hosts).</summary>
    public ClusterMembershipKind Membership { get; set; } = ClusterMembershipKind.Localhost;

    /// <summary>StackExchange.Redis connection string of the membership table; required when Membership is Redis.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>Silos and clients with the same cluster id form one cluster.</summary>
    [Required]
    public string ClusterId { get; set; } = "loans";

    /// <summary>Identifies the service across deployments; storage is keyed by it.</summary>
    [Required]
    public string ServiceId { get; set; } = "loan-orders";

    /// <summary>The silo gateway port clients connect to (on this machine with Localhost membership).</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    public virtual IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
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
    }
}
