namespace Loans.Api.Hosting;

/// <summary>Where silos keep the membership table and clients find the gateways: <c>Cluster:Membership</c>, alike on the silo and the API.</summary>
public enum ClusterMembershipKind
{
    /// <summary>One silo (or a fixed primary) on this machine, its gateway at <c>Cluster:GatewayPort</c>; nothing to install.</summary>
    Localhost,

    /// <summary>A Redis membership table at <c>Cluster:RedisConnectionString</c>: any number of silos on any hosts.</summary>
    Redis,
}
