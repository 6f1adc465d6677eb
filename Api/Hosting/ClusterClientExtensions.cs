using Loans.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using StackExchange.Redis;

namespace Loans.Api.Hosting;

public static class ClusterClientExtensions
{
    /// <summary>Connects to the cluster named in section <c>Cluster</c>, validated before the host starts.</summary>
    public static WebApplicationBuilder AddLoansClusterClient(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ClusterClientOptions.SectionName).Get<ClusterClientOptions>() ?? new();
        OptionsValidation.ThrowIfInvalid(options, ClusterClientOptions.SectionName);

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<IClientConnectionRetryFilter, ClusterConnectionRetryFilter>();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = options.ResponseTimeout);
            client.Configure<GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = options.GatewayListRefreshPeriod);
            if (options.Membership == ClusterMembershipKind.Localhost)
            {
                client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
                return;
            }

            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });
            client.UseRedisClustering(redis => redis.ConfigurationOptions = ConfigurationOptions.Parse(options.RedisConnectionString!));
        });
        return builder;
    }
}
