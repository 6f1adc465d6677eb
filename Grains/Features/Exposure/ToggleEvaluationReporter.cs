using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loans.Grains.Features.Exposure;

/// <summary>
/// Writes this silo's last evaluation time of each toggle to the store every
/// <see cref="FeatureToggleCacheOptions.EvaluationReportInterval"/>: one write per interval, however many
/// verifications ran, so "last evaluated" (and stale) survive restarts without a grain call per evaluation.
/// </summary>
public sealed partial class ToggleEvaluationReporter(
    ToggleEvaluationRecorder recorder,
    IFeatureToggleStore store,
    IOptions<FeatureToggleCacheOptions> options,
    TimeProvider clock,
    ILogger<ToggleEvaluationReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.EvaluationReportInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await Report(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // The last evaluations before a graceful stop are worth keeping too.
        await Report(CancellationToken.None);
    }

    private async Task Report(CancellationToken cancellationToken)
    {
        var unreported = recorder.TakeUnreported();
        if (unreported.Count == 0)
        {
            return;
        }

        try
        {
            await store.RecordEvaluations(unreported, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The times are lost for this round; the next evaluation of each toggle reports it again.
            LogReportFailed(exception, unreported.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Last evaluation times of {Count} feature toggles could not be stored; the next evaluations report them again")]
    private partial void LogReportFailed(Exception exception, int count);
}
