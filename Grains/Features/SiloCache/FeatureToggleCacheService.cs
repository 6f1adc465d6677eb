using Loans.Grains.Features.Exposure;
using Microsoft.Extensions.Logging;

namespace Loans.Grains.Features.SiloCache;

/// <summary>Receives toggle changes for this silo's <see cref="SiloFeatureToggleCache"/>.</summary>
[Reentrant]
public sealed partial class FeatureToggleCacheService(GrainId id, Silo silo, ILoggerFactory loggerFactory, SiloFeatureToggleCache cache, ToggleEvaluationRecorder evaluations)
    : GrainService(id, silo, loggerFactory), IFeatureToggleCacheService
{
    private readonly ILogger logger = loggerFactory.CreateLogger<FeatureToggleCacheService>();

    public Task Put(FeatureToggle toggle)
    {
        cache.Put(toggle);
        return Task.CompletedTask;
    }

    public Task<SiloExposure> Exposure(string toggle) =>
        Task.FromResult(new SiloExposure(ToggleEvaluationRecorder.Process, evaluations.Counts(toggle)));

    /// <summary>
    /// Loads the toggles the code knows into the cache as soon as the silo runs, so their gauges exist from
    /// start-up: a change made before the first order must still show as a step in the revision, not as the
    /// series' first sample, which Prometheus cannot tell from the start.
    /// </summary>
    protected override async Task StartInBackground()
    {
        await base.StartInBackground();
        foreach (var name in FeatureNames.All)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await cache.Get(name);
                    break;
                }
                catch (Exception exception)
                {
                    if (attempt == PreloadAttempts)
                    {
                        // The first order loads it instead; until then its gauges are missing.
                        LogPreloadFailed(exception, name);
                        break;
                    }

                    // The cluster may still be forming; the toggle's grain answers once it has.
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
            }
        }
    }

    private const int PreloadAttempts = 30;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feature toggle {Toggle} could not be loaded into the silo cache at start-up; its gauges appear with the first order")]
    private partial void LogPreloadFailed(Exception exception, string toggle);
}
