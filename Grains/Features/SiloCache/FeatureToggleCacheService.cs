using Microsoft.Extensions.Logging;

namespace Loans.Grains.Features.SiloCache;

/// <summary>Receives toggle changes for this silo's <see cref="SiloFeatureToggleCache"/>.</summary>
[Reentrant]
public sealed class FeatureToggleCacheService(GrainId id, Silo silo, ILoggerFactory loggerFactory, SiloFeatureToggleCache cache)
    : GrainService(id, silo, loggerFactory), IFeatureToggleCacheService
{
    public Task Put(FeatureToggle toggle)
    {
        cache.Put(toggle);
        return Task.CompletedTask;
    }
}
