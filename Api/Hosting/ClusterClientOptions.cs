using System.ComponentModel.DataAnnotations;

namespace Loans.Api.Hosting;

/// <summary>Which cluster the API talks to, and how patiently. Section <c>Cluster</c>, shared with the silo (<see cref="ClusterSettings"/>).</summary>
public sealed class ClusterClientOptions : ClusterSettings
{
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
}
