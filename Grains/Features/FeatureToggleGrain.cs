using Loans.Grains.Features.SiloCache;
using Loans.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loans.Grains.Features;

/// <summary>
/// One toggle, cached in memory and refreshed from the store on a timer. Every change it makes or finds is
/// pushed into each silo's cache before it is acknowledged, so the verifiers read it locally.
/// </summary>
public sealed partial class FeatureToggleGrain(
    IFeatureToggleStore store,
    IFeatureToggleCachePublisher silos,
    IOptions<FeatureToggleCacheOptions> options,
    ILogger<FeatureToggleGrain> logger) : Grain, IFeatureToggleGrain
{
    private FeatureToggle cached = null!;

    private string Name => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        cached = await Load(cancellationToken);
        var interval = options.Value.RefreshInterval;
        // Not interleaved: a refresh that read the database before a Set committed must not overwrite the
        // value that Set just cached.
        this.RegisterGrainTimer(Refresh, new GrainTimerCreationOptions(interval, interval) { Interleave = false });
    }

    public Task<bool> IsEnabled() => Task.FromResult(cached.Enabled);

    public Task<FeatureToggle> Get() => Task.FromResult(cached);

    public async Task<FeatureToggle> Set(FeatureToggleChange change)
    {
        cached = await store.Save(Name, change);
        await silos.Publish(cached);
        LoansTelemetry.ToggleChanges.Add(1,
            new KeyValuePair<string, object?>(LoansTelemetry.Tags.Toggle, Name),
            new KeyValuePair<string, object?>(LoansTelemetry.Tags.Enabled, cached.Enabled ? "true" : "false"),
            new KeyValuePair<string, object?>(LoansTelemetry.Tags.Mode, cached.Mode.ToString().ToLowerInvariant()));
        LogToggleChanged(Name, cached.Describe(), change.ChangedBy);
        return cached;
    }

    private async Task Refresh(CancellationToken cancellationToken)
    {
        try
        {
            var stored = await Load(cancellationToken);
            if (stored != cached)
            {
                // An edit made straight in the database: the silos' caches hold the old value.
                cached = stored;
                await silos.Publish(cached);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Keep serving the last known value; the next tick tries again.
            LogRefreshFailed(exception, Name);
        }
    }

    private async Task<FeatureToggle> Load(CancellationToken cancellationToken) =>
        await store.Find(Name, cancellationToken) ?? new FeatureToggle(Name, FeatureToggleMode.Off, 0, UpdatedAt: null, UpdatedBy: null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feature toggle {Toggle} set to {State} by {ChangedBy}")]
    private partial void LogToggleChanged(string toggle, string state, string changedBy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feature toggle {Toggle} could not be refreshed; serving the cached value")]
    private partial void LogRefreshFailed(Exception exception, string toggle);
}
