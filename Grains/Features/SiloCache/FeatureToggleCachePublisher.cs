using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Services;

namespace Loans.Grains.Features.SiloCache;

/// <summary>Pushes a toggle's new value into the cache of every active silo.</summary>
public interface IFeatureToggleCachePublisher
{
    /// <summary>Completes when every active silo has the value, or has failed to take it within the publish timeout.</summary>
    Task Publish(FeatureToggle toggle);
}

public sealed partial class FeatureToggleCachePublisher(
    IServiceProvider services,
    IClusterMembershipService membership,
    IOptions<FeatureToggleCacheOptions> options,
    ILogger<FeatureToggleCachePublisher> logger)
    : GrainServiceClient<IFeatureToggleCacheService>(services), IFeatureToggleCachePublisher
{
    public Task Publish(FeatureToggle toggle) =>
        Task.WhenAll(membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active)
            .Select(member => PublishTo(member.SiloAddress, toggle)));

    private async Task PublishTo(SiloAddress silo, FeatureToggle toggle)
    {
        try
        {
            await GetGrainService(silo).Put(toggle).WaitAsync(options.Value.PublishTimeout);
        }
        catch (Exception exception)
        {
            // The silo is dying or unreachable. Its entry still expires after the refresh interval, so it
            // catches up on its own; the change itself is stored and must not fail for this.
            LogPublishFailed(exception, toggle.Name, silo);
            FeatureTogglePushTelemetry.RecordFailure(toggle.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feature toggle {Toggle} could not be pushed to silo {Silo}; it picks the change up within the refresh interval")]
    private partial void LogPublishFailed(Exception exception, string toggle, SiloAddress silo);
}
