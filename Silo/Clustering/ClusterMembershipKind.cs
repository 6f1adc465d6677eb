namespace Loans.Silo.Clustering;

/// <summary>Where silos keep the membership table: <c>Cluster:Membership</c>.</summary>
public enum ClusterMembershipKind
{
    /// <summary>One silo (or a fixed primary) on this machine; nothing to install.</summary>
    Localhost,

    /// <summary>A Redis membership table: any number of silos on any hosts.</summary>
    Redis,
}
