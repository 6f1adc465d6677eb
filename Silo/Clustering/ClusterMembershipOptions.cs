using System.ComponentModel.DataAnnotations;

namespace Loans.Silo.Clustering;

/// <summary>How this silo finds the others and where it listens. Section <c>Cluster</c>.</summary>
public sealed class ClusterMembershipOptions
{
    public const string SectionName = "Cluster";

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
}
