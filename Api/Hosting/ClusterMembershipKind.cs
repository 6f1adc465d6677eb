namespace Loans.Api.Hosting;

/// <summary>Where the API finds the silo gateways: <c>Cluster:Membership</c>, as on the silo.</summary>
public enum ClusterMembershipKind
{
    /// <summary>The one silo gateway on this machine at <c>Cluster:GatewayPort</c>.</summary>
    Localhost,

    /// <summary>Every gateway in the Redis membership table at <c>Cluster:RedisConnectionString</c>.</summary>
    Redis,
}
