using System.Net;
using Loans.Silo.Startup;
using StackExchange.Redis;

namespace Loans.Silo.Clustering;

/// <summary>The Redis membership table: answers a PING.</summary>
internal sealed class RedisStartupDependency(string connectionString, TimeSpan timeout) : IStartupDependency
{
    public string Setting => $"{ClusterMembershipOptions.SectionName}:{nameof(ClusterMembershipOptions.RedisConnectionString)}";

    // The end points only: the connection string may carry a password.
    public string Description { get; } = $"Redis at {string.Join(",", ConfigurationOptions.Parse(connectionString).EndPoints.Select(Format))}";

    public TimeSpan Timeout => timeout;

    public async Task Probe(TimeSpan attemptTimeout, CancellationToken cancellationToken)
    {
        var configuration = ConfigurationOptions.Parse(connectionString);
        configuration.AbortOnConnectFail = true;
        configuration.ConnectRetry = 1;
        configuration.ConnectTimeout = (int)attemptTimeout.TotalMilliseconds;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        await connection.GetDatabase().PingAsync();
    }

    private static string Format(EndPoint endPoint) => endPoint switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endPoint.ToString() ?? "",
    };
}
