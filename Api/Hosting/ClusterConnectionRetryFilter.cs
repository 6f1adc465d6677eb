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
            LogGivingUp(options.ConnectTimeout, options.GatewayPort);
            return false;
        }

        LogRetrying(options.GatewayPort, exception.Message);
        await Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster not reachable at gateway port {GatewayPort} yet ({Reason}); retrying")]
    private partial void LogRetrying(int gatewayPort, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Gave up reaching the cluster after {Timeout} (gateway port {GatewayPort}); is the silo running? See Cluster:GatewayPort")]
    private partial void LogGivingUp(TimeSpan timeout, int gatewayPort);
}
