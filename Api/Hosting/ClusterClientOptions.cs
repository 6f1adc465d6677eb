using System.ComponentModel.DataAnnotations;

namespace Loans.Api.Hosting;

/// <summary>Which cluster the API talks to. Section <c>Cluster</c>, shared with the silo.</summary>
public sealed class ClusterClientOptions : IValidatableObject
{
    public const string SectionName = "Cluster";

    /// <summary><c>Localhost</c>: the silo gateway on this machine. <c>Redis</c>: every gateway listed in the Redis membership table.</summary>
    public ClusterMembershipKind Membership { get; set; } = ClusterMembershipKind.Localhost;

    /// <summary>StackExchange.Redis connection string of the membership table; required when Membership is Redis.</summary>
    public string? RedisConnectionString { get; set; }

    [Required]
    public string ClusterId { get; set; } = "loans";

    [Required]
    public string ServiceId { get; set; } = "loan-orders";

    /// <summary>The silo gateway port on this machine (Localhost membership).</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>How long to keep trying to reach the cluster at start-up before giving up.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a grain call may take before the API gives up and answers 503. Orleans' default is 30 s;
    /// a request whose silo died should fail fast enough for the caller to retry.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the API re-reads the gateway list (Redis membership): new silos are used after at most this long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromMinutes(1);

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
    }
}
