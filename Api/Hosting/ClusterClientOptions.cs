using System.ComponentModel.DataAnnotations;

namespace Loans.Api.Hosting;

/// <summary>Which cluster the API talks to. Section <c>Cluster</c>, shared with the silo.</summary>
public sealed class ClusterClientOptions
{
    public const string SectionName = "Cluster";

    [Required]
    public string ClusterId { get; set; } = "loans";

    [Required]
    public string ServiceId { get; set; } = "loan-orders";

    /// <summary>The silo gateway port on this machine.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>How long to keep trying to reach the cluster at start-up before giving up.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
