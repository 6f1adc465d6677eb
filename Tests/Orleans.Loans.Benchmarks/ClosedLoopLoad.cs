using System.Diagnostics;

namespace Loans.Benchmarks;

/// <summary>
/// A closed-loop load: a fixed number of workers, each sending its next request as soon as the last one
/// answered, so the offered load adapts to the server and latency is not hidden by queueing in the client.
/// </summary>
public static class ClosedLoopLoad
{
    /// <summary>One call; true when it succeeded. Throwing TaskCanceledException counts as a timeout.</summary>
    public delegate Task<bool> Call(int worker, CancellationToken cancellationToken);

    /// <summary>
    /// Warms up, then measures one window. <paramref name="exhausted"/> is for loads that can send only a limited
    /// number of distinct requests (reads that must stay cold): once it turns true the workers stop early, and
    /// throughput is taken over the time they actually ran.
    /// </summary>
    public static async Task<LatencySummary> Run(int concurrency, TimeSpan warmup, TimeSpan window, Call call, Func<bool>? exhausted = null)
    {
        await Measure(concurrency, warmup, call, exhausted);
        return await Measure(concurrency, window, call, exhausted);
    }

    private static async Task<LatencySummary> Measure(int concurrency, TimeSpan window, Call call, Func<bool>? exhausted)
    {
        var samples = new List<long>[concurrency];
        long errors = 0, timeouts = 0;
        var end = Stopwatch.GetTimestamp() + (long)(window.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = samples[worker] = new List<long>(4096);
            while (Stopwatch.GetTimestamp() < end && exhausted?.Invoke() != true)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    if (await call(worker, CancellationToken.None))
                    {
                        mine.Add(Stopwatch.GetTimestamp() - start);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (TaskCanceledException)
                {
                    Interlocked.Increment(ref timeouts);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return LatencySummary.From([.. samples.SelectMany(s => s)], elapsed, errors, timeouts);
    }
}
