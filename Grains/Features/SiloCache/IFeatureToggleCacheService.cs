using Loans.Grains.Features.Exposure;
using Orleans.Services;

namespace Loans.Grains.Features.SiloCache;

/// <summary>Runs on every silo; a toggle grain calls the one on each silo to update that silo's cache.</summary>
[Alias("Loans.IFeatureToggleCacheService")]
public interface IFeatureToggleCacheService : IGrainService
{
    [Alias("Put")]
    Task Put(FeatureToggle toggle);

    /// <summary>The toggle's evaluations on this silo by variant over the last hour.</summary>
    [Alias("Exposure")]
    Task<SiloExposure> Exposure(string toggle);
}
