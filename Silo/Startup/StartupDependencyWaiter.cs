namespace Loans.Silo.Startup;

/// <summary>
/// Waits, all at once, for every <see cref="IStartupDependency"/> to answer within its own window, so that a silo
/// started a moment before Redis or MongoDB joins once they answer instead of dying. Says every few seconds what it
/// waits for; a dependency that does not answer in time becomes one line naming the setting and the address.
/// </summary>
internal sealed partial class StartupDependencyWaiter(IEnumerable<IStartupDependency> dependencies, TimeProvider clock, ILogger<StartupDependencyWaiter> logger)
{
    /// <summary>Short enough to try several times within any window, long enough for a server across a network.</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(5);

    /// <summary>Null when every dependency answered; otherwise the line that says which one did not.</summary>
    public async Task<string?> WaitForAll(CancellationToken cancellationToken)
    {
        // Both grain storages name the same MongoDB: ask it once.
        var distinct = dependencies.DistinctBy(d => (d.Setting, d.Description)).Where(d => d.Timeout > TimeSpan.Zero);
        var failures = await Task.WhenAll(distinct.Select(d => WaitFor(d, cancellationToken)));
        return failures.FirstOrDefault(f => f is not null);
    }

    private async Task<string?> WaitFor(IStartupDependency dependency, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        TimeSpan? reportedAt = null;
        for (var attempt = 1; ; attempt++)
        {
            var remaining = dependency.Timeout - clock.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return $"{dependency.Setting}: {dependency.Description} did not answer within {dependency.Timeout:c}";
            }

            try
            {
                var attemptTimeout = remaining < AttemptTimeout ? remaining : AttemptTimeout;
                await dependency.Probe(attemptTimeout, cancellationToken).WaitAsync(attemptTimeout, clock, cancellationToken);
                if (attempt > 1)
                {
                    LogAnswered(dependency.Description, clock.GetElapsedTime(started));
                }

                return null;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var elapsed = clock.GetElapsedTime(started);
                if (reportedAt is null || elapsed - reportedAt >= ReportEvery)
                {
                    reportedAt = elapsed;
                    LogWaiting(dependency.Description, dependency.Setting, elapsed, dependency.Timeout, FirstLine(exception.Message));
                }
            }

            var pause = dependency.Timeout - clock.GetElapsedTime(started);
            await Task.Delay(pause < RetryDelay ? (pause > TimeSpan.Zero ? pause : TimeSpan.Zero) : RetryDelay, clock, cancellationToken);
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for {Dependency} ({Setting}): not answering after {Elapsed:c} of {Timeout:c}: {Reason}")]
    private partial void LogWaiting(string dependency, string setting, TimeSpan elapsed, TimeSpan timeout, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Dependency} answered after {Elapsed:c}; starting")]
    private partial void LogAnswered(string dependency, TimeSpan elapsed);
}
