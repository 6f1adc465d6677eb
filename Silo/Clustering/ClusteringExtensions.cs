namespace Loans.Silo.Clustering;

public static class ClusteringExtensions
{
    /// <summary>Localhost clustering on the configured ports: one machine, nothing to install.</summary>
    public static ISiloBuilder UseLoansClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = configuration.GetSection(ClusterMembershipOptions.SectionName).Get<ClusterMembershipOptions>() ?? new();
        OptionsValidation.ThrowIfInvalid(options, ClusterMembershipOptions.SectionName);
        return silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
    }
}
