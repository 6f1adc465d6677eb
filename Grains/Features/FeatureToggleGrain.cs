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

    public Task<bool> IsEnabled() => Task.FromResult(cached.Enabled && !cached.Archived);

    public Task<FeatureToggle> Get() => Task.FromResult(cached);

    public async Task<FeatureToggleSetResult> Set(FeatureToggleChange change)
    {
        var result = await store.Save(Name, change);
        if (!result.Changed)
        {
            // Nothing to push: but the store is the truth, so serve what it holds.
            cached = result.Toggle;
            LogToggleUnchanged(Name, cached.Describe(), change.ChangedBy);
            return result;
        }

        cached = result.Toggle;
        // Each silo's cache feeds its toggle gauges (loans_feature_toggle_*), so the push is also what the
        // dashboards see: a change counted once here would be invisible on the other silos.
        await silos.Publish(cached);
        LogToggleChanged(Name, cached.PreviousState ?? FeatureToggleGauges.NoState, cached.Describe(), change.ChangedBy);
        return result;
    }

    public async Task<FeatureToggleSetResult?> Edit(FeatureToggleEdit edit)
    {
        var result = await store.Edit(Name, edit);
        if (result is null)
        {
            return null;
        }

        cached = result.Toggle;
        if (result.Changed)
        {
            // Archiving switches the toggle off on every silo: the push is what makes that true for the next order.
            await silos.Publish(cached);
            LogToggleEdited(Name, cached.Describe(), edit.ChangedBy);
        }

        return result;
    }

    private async Task Refresh(CancellationToken cancellationToken)
    {
        try
        {
            var stored = await Load(cancellationToken);
            if (stored.SameAs(cached))
            {
                // Only the last-evaluated time moved (the silos report it): nothing the silos act on changed.
                cached = stored;
            }
            else
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Feature toggle {Toggle} changed from {OldState} to {State} by {ChangedBy}")]
    private partial void LogToggleChanged(string toggle, string oldState, string state, string changedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feature toggle {Toggle} edited by {ChangedBy}; it is {State}")]
    private partial void LogToggleEdited(string toggle, string state, string changedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feature toggle {Toggle} is already {State}; the request by {ChangedBy} changed nothing")]
    private partial void LogToggleUnchanged(string toggle, string state, string changedBy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feature toggle {Toggle} could not be refreshed; serving the cached value")]
    private partial void LogRefreshFailed(Exception exception, string toggle);
}
