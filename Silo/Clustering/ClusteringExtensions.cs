using System.Net;
using Loans.Api.Hosting;
using Loans.Silo.Startup;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Loans.Silo.Clustering;

public static class ClusteringExtensions
{
    /// <summary>
    /// Clustering chosen by <c>Cluster:Membership</c>: localhost on the configured ports, or a Redis
    /// membership table with the silo listening on every interface and advertising one address.
    /// </summary>
    public static ISiloBuilder UseLoansClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var section = configuration.GetSection(ClusterMembershipOptions.SectionName);
        var options = section.Get<ClusterMembershipOptions>() ?? new();
        OptionsValidation.ThrowIfInvalid(options, ClusterMembershipOptions.SectionName);

        // Orleans' own tuning (ProbeTimeout, NumMissedProbesLimit, DefunctSiloExpiration, ...) lives in the same section.
        silo.Services.AddOptions<Orleans.Configuration.ClusterMembershipOptions>().Bind(section);

        if (options.Membership == ClusterMembershipKind.Localhost)
        {
            return silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        }

        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        silo.Configure<EndpointOptions>(endpoints =>
        {
            endpoints.AdvertisedIPAddress = AdvertisedAddress.Resolve(options.AdvertisedIPAddress);
            endpoints.SiloPort = options.SiloPort;
            endpoints.GatewayPort = options.GatewayPort;
            endpoints.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, options.SiloPort);
            endpoints.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, options.GatewayPort);
        });
        silo.Services.AddSingleton<IStartupDependency>(new RedisStartupDependency(options.RedisConnectionString!, options.StartupTimeout));
        if (options.DeclareDeadOnRefusedConnection)
        {
            silo.Services.AddHostedService<RefusingSiloDetector>();
        }

        return silo.UseRedisClustering(redis => redis.ConfigurationOptions = ConfigurationOptions.Parse(options.RedisConnectionString!));
    }
}
