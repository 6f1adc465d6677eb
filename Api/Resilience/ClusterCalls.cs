using Polly;
using Polly.Registry;

namespace Loans.Api.Resilience;

/// <summary>
/// The grain calls of one request. Each runs through the <see cref="ResilienceExtensions.ClusterCallsPipeline"/>
/// pipeline: answered by the request's deadline, sent again after a transient failure or an attempt left
/// unanswered for <see cref="RequestTimeoutOptions.AttemptTimeout"/>, and given the request's
/// <see cref="RequestBudget.Work"/> token, which the grains pass on to storage.
/// </summary>
public sealed class ClusterCalls(ResiliencePipelineProvider<string> pipelines, RequestBudget budget)
{
    private readonly ResiliencePipeline pipeline = pipelines.GetPipeline(ResilienceExtensions.ClusterCallsPipeline);

    /// <param name="call">The grain call, given the token to pass to the grain method.</param>
    /// <param name="requestAborted">The client went away: stop retrying.</param>
    /// <param name="writes">For a write: collects what its failed attempts say about storage.</param>
    public async Task<T> Run<T>(Func<CancellationToken, Task<T>> call, CancellationToken requestAborted, WriteAttempts? writes = null)
    {
        var context = ResilienceContextPool.Shared.Get(requestAborted);
        context.Properties.Set(ResilienceExtensions.BudgetKey, budget);
        try
        {
            return await pipeline.ExecuteAsync<T, Attempt<T>>(
                static async (current, attempt) =>
                {
                    if (attempt.Sent++ > 0)
                    {
                        // An earlier attempt may have stored the order: the grain answers it rather than verify again.
                        SubmitAttempts.MarkRetry();
                    }

                    try
                    {
                        // WaitAsync stops waiting for this attempt without cancelling the grain's work: only the
                        // request's Work token does that, so a slow attempt on a live silo still completes.
                        return await attempt.Call(attempt.Work).WaitAsync(current.CancellationToken);
                    }
                    catch (Exception exception) when (attempt.Writes is not null)
                    {
                        attempt.Writes.Failed(exception, abandoned: current.CancellationToken.IsCancellationRequested);
                        throw;
                    }
                },
                context,
                new Attempt<T>(call, budget.Work, writes));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private sealed record Attempt<T>(Func<CancellationToken, Task<T>> Call, CancellationToken Work, WriteAttempts? Writes)
    {
        public int Sent { get; set; }
    }
}
