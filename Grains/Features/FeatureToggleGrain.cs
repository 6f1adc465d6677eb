using Loans.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loans.Grains.Features;

/// <summary>One toggle, cached in memory and refreshed from the store on a timer.</summary>
public sealed partial class FeatureToggleGrain(
    IFeatureToggleStore store,
    IOptions<FeatureToggleCacheOptions> options,
    ILogger<FeatureToggleGrain> logger) : Grain, IFeatureToggleGrain
{
    private FeatureToggle cached = null!;

    private string Name => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        cached = await Load(cancellationToken);
        var interval = options.Value.RefreshInterval;
        this.RegisterGrainTimer(Refresh, new GrainTimerCreationOptions(interval, interval) { Interleave = true });
    }

    public Task<bool> IsEnabled() => Task.FromResult(cached.Enabled);

    public Task<FeatureToggle> Get() => Task.FromResult(cached);

    public async Task<FeatureToggle> Set(FeatureToggleChange change)
    {
        cached = await store.Save(Name, change);
        LoansTelemetry.ToggleChanges.Add(1,
            new KeyValuePair<string, object?>(LoansTelemetry.Tags.Toggle, Name),
            new KeyValuePair<string, object?>(LoansTelemetry.Tags.Enabled, change.Enabled ? "true" : "false"));
        LogToggleChanged(Name, change.Enabled, change.ChangedBy);
        return cached;
    }

    private async Task Refresh(CancellationToken cancellationToken)
    {
        try
        {
            cached = await Load(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Keep serving the last known value; the next tick tries again.
            LogRefreshFailed(exception, Name);
        }
    }

    private async Task<FeatureToggle> Load(CancellationToken cancellationToken) =>
        await store.Find(Name, cancellationToken) ?? new FeatureToggle(Name, Enabled: false, UpdatedAt: null, UpdatedBy: null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feature toggle {Toggle} set to {Enabled} by {ChangedBy}")]
    private partial void LogToggleChanged(string toggle, bool enabled, string changedBy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feature toggle {Toggle} could not be refreshed; serving the cached value")]
    private partial void LogRefreshFailed(Exception exception, string toggle);
}
