using Orleans.Hosting;

namespace Loans.Api.Hosting;

/// <summary>Keeps retrying the first connection, so the API and silo may be started in any order.</summary>
internal sealed partial class ClusterConnectionRetryFilter(ClusterClientOptions options, TimeProvider clock, ILogger<ClusterConnectionRetryFilter> logger)
    : IClientConnectionRetryFilter
{
    private readonly DateTimeOffset startedAt = clock.GetUtcNow();

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() - startedAt > options.ConnectTimeout)
        {
            LogGivingUp(options.ConnectTimeout, Where);
            return false;
        }

        LogRetrying(Where, exception.Message);
        await Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);
        return true;
    }

    /// <summary>Where the client looks for gateways, in the words of the settings to check.</summary>
    private string Where => options.Membership == ClusterMembershipKind.Redis
        ? "the gateways listed in Redis (Cluster:RedisConnectionString, Cluster:ClusterId)"
        : $"gateway port {options.GatewayPort} (Cluster:GatewayPort)";

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster not reachable at {Where} yet ({Reason}); retrying")]
    private partial void LogRetrying(string where, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Gave up reaching the cluster after {Timeout} at {Where}; is a silo running?")]
    private partial void LogGivingUp(TimeSpan timeout, string where);
}
