using Loans.Grains.Features.SiloCache;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Services;

namespace Loans.Grains.Features.Exposure;

/// <summary>Asks every active silo for a toggle's exposure: one call per silo per page view, none per evaluation.</summary>
public interface IFeatureToggleExposureCollector
{
    Task<FeatureToggleExposure> Collect(string toggle);
}

public sealed partial class FeatureToggleExposureCollector(
    IServiceProvider services,
    IClusterMembershipService membership,
    IOptions<FeatureToggleCacheOptions> options,
    ILogger<FeatureToggleExposureCollector> logger)
    : GrainServiceClient<IFeatureToggleCacheService>(services), IFeatureToggleExposureCollector
{
    public async Task<FeatureToggleExposure> Collect(string toggle)
    {
        var answers = await Task.WhenAll(membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active)
            .Select(member => Ask(member.SiloAddress, toggle)));
        var counted = answers.OfType<SiloExposure>().ToList();
        var totals = counted
            .GroupBy(answer => answer.Process).Select(process => process.First())
            .SelectMany(answer => answer.Variants)
            .GroupBy(count => count.Variant, StringComparer.Ordinal)
            .OrderBy(variant => variant.Key, StringComparer.Ordinal)
            .Select(variant => new FeatureToggleVariantCount(variant.Key, variant.Sum(count => count.Count)))
            .ToList();
        return new FeatureToggleExposure(toggle, ToggleEvaluationRecorder.Window, totals, counted.Count);
    }

    private async Task<SiloExposure?> Ask(SiloAddress silo, string toggle)
    {
        try
        {
            return await GetGrainService(silo).Exposure(toggle).WaitAsync(options.Value.PublishTimeout);
        }
        catch (Exception exception)
        {
            // A dying or cut-off silo: show what the others counted, and how many answered.
            LogExposureFailed(exception, toggle, silo);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} did not report the exposure of feature toggle {Toggle}")]
    private partial void LogExposureFailed(Exception exception, string toggle, SiloAddress silo);
}
