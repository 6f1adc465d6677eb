using System.Runtime.ExceptionServices;
using Polly;
using Polly.Registry;
using Polly.Timeout;

namespace Loans.Api.Resilience;

/// <summary>
/// The grain calls of one request: answered by the request's deadline, sent again after a transient failure or an
/// attempt left unanswered for <see cref="RequestTimeoutOptions.AttemptTimeout"/>, and given the request's
/// <see cref="RequestBudget.Work"/> token, which the grains pass on to storage.
/// The first attempt is awaited directly, bounded by the attempt timeout; only a call whose first attempt fails
/// enters the <see cref="ResilienceExtensions.ClusterCallsPipeline"/> pipeline, which replays that failure as its
/// own first attempt (so Polly backs off, retries, logs and counts it) and goes on from there. Nearly every call
/// succeeds at once, and running it through the pipeline's strategies (a deadline, a retry and an attempt timeout,
/// each with its state and timers, and Polly's telemetry) cost a warm read about a sixth of its CPU.
/// The first attempt's wait runs on <paramref name="clock"/>, the clock of the budget and of Polly's timers, so the
/// three agree (and tests can move them together).
/// </summary>
public sealed class ClusterCalls(ResiliencePipelineProvider<string> pipelines, RequestBudget budget, TimeProvider clock)
{
    private readonly ResiliencePipeline pipeline = pipelines.GetPipeline(ResilienceExtensions.ClusterCallsPipeline);

    /// <param name="call">The grain call, given the token to pass to the grain method.</param>
    /// <param name="requestAborted">The client went away: stop retrying.</param>
    /// <param name="writes">For a write: collects what its failed attempts say about storage.</param>
    public async Task<T> Run<T>(Func<CancellationToken, Task<T>> call, CancellationToken requestAborted, WriteAttempts? writes = null)
    {
        var wait = budget.Remaining < budget.AttemptTimeout ? budget.Remaining : budget.AttemptTimeout;
        ExceptionDispatchInfo failure;
        try
        {
            return await Send(call, budget.Work).WaitAsync(wait, clock, requestAborted);
        }
        catch (TimeoutException)
        {
            // Left unanswered: abandoned, not cancelled, as the pipeline's attempt timeout would have done.
            // Stryker disable once String : the message only explains the failure in a log line
            var unanswered = new TimeoutRejectedException($"The first attempt was not answered within {wait}.");
            // Stryker disable once Boolean : an unanswered attempt never says "nothing written" either way; the flag says why
            writes?.Failed(unanswered, abandoned: true);
            failure = ExceptionDispatchInfo.Capture(unanswered);
        }
        catch (Exception exception) when (!requestAborted.IsCancellationRequested)
        {
            writes?.Failed(exception, abandoned: false);
            if (!TransientClusterFailures.Is(exception))
            {
                throw;
            }

            failure = ExceptionDispatchInfo.Capture(exception);
        }

        return await RunThroughPipeline(call, requestAborted, writes, failure);
    }

    private async Task<T> RunThroughPipeline<T>(
        Func<CancellationToken, Task<T>> call, CancellationToken requestAborted, WriteAttempts? writes, ExceptionDispatchInfo firstAttempt)
    {
        var context = ResilienceContextPool.Shared.Get(requestAborted);
        context.Properties.Set(ResilienceExtensions.BudgetKey, budget);
        try
        {
            return await pipeline.ExecuteAsync<T, Attempt<T>>(
                static async (current, attempt) =>
                {
                    if (attempt.FirstAttempt is { } first)
                    {
                        attempt.FirstAttempt = null;
                        first.Throw();
                    }

                    // Every attempt the pipeline sends follows a failed one, which may have stored the order: the
                    // grain answers it rather than verify again.
                    SubmitAttempts.MarkRetry();

                    try
                    {
                        // WaitAsync stops waiting for this attempt without cancelling the grain's work: only the
                        // request's Work token does that, so a slow attempt on a live silo still completes.
                        return await Send(attempt.Call, attempt.Work).WaitAsync(current.CancellationToken);
                    }
                    catch (Exception exception) when (attempt.Writes is not null)
                    {
                        attempt.Writes.Failed(exception, abandoned: current.CancellationToken.IsCancellationRequested);
                        throw;
                    }
                },
                context,
                new Attempt<T>(call, budget.Work, writes) { FirstAttempt = firstAttempt });
        }
        // Stryker disable once Block : returning the context only lets a later call reuse it
        finally
        {
            // Stryker disable once Statement : returning the context only lets a later call reuse it
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static Task<T> Send<T>(Func<CancellationToken, Task<T>> call, CancellationToken work)
    {
        try
        {
            return call(work);
        }
        catch (Exception exception)
        {
            return Task.FromException<T>(exception);
        }
    }

    private sealed record Attempt<T>(Func<CancellationToken, Task<T>> Call, CancellationToken Work, WriteAttempts? Writes)
    {
        /// <summary>How the attempt made before the pipeline failed: the pipeline's first attempt, replayed.</summary>
        public ExceptionDispatchInfo? FirstAttempt { get; set; }
    }
}
