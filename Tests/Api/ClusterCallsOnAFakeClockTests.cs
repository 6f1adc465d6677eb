using Loans.Api.Resilience;
using Loans.Grains.Interfaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;

namespace Loans.Tests.Api;

/// <summary>
/// What the request's budget does to its grain calls, on a clock the test moves: the API's real pipeline and
/// budget, with every timer (the budget's, the first attempt's, Polly's) on one <see cref="FakeTimeProvider"/>.
/// On the system clock these were flaky: on a loaded two-core machine timers fired up to 0.8 s late.
/// Budget 1 s (the shortest allowed): attempts of 200 ms, and no new work in the last 100 ms.
/// </summary>
public sealed class ClusterCallsOnAFakeClockTests : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);
    private readonly FakeTimeProvider clock = new();
    private readonly ServiceProvider services;
    private readonly AsyncServiceScope request;

    public ClusterCallsOnAFakeClockTests()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Api:RequestTimeout"] = "00:00:01" });
        builder.AddLoansResilience();
        builder.Services.AddSingleton<TimeProvider>(clock);
        services = builder.Services.BuildServiceProvider();
        request = services.CreateAsyncScope();
    }

    private ClusterCalls Calls => request.ServiceProvider.GetRequiredService<ClusterCalls>();

    [Fact]
    public async Task A_call_made_late_in_a_request_waits_for_its_first_attempt_only_as_long_as_the_budget_has_left()
    {
        var calls = Calls;
        clock.Advance(TimeSpan.FromMilliseconds(850));
        var started = clock.GetUtcNow();

        var call = calls.Run(_ => new TaskCompletionSource<int>().Task, CancellationToken.None);
        var ended = await MoveTheClockUntil(call, TimeSpan.FromMilliseconds(190));

        // 150 ms were left, not a whole attempt's 200 ms.
        Assert.True(ended, "the call should have ended once the budget was spent");
        await Assert.ThrowsAsync<TimeoutRejectedException>(() => call);
        Assert.InRange(clock.GetUtcNow() - started, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(190));
    }

    [Fact]
    public async Task Retries_after_a_late_failure_end_when_the_requests_budget_ends_not_a_new_one()
    {
        var calls = Calls;
        clock.Advance(TimeSpan.FromMilliseconds(850));
        var started = clock.GetUtcNow();
        var sent = 0;

        var call = calls.Run(
            _ => ++sent == 1 ? Task.FromException<int>(new SiloUnavailableException("gone")) : new TaskCompletionSource<int>().Task,
            CancellationToken.None);
        var ended = await MoveTheClockUntil(call, TimeSpan.FromMilliseconds(400));

        // The pipeline's deadline is what the request had left (150 ms), not a fresh second.
        Assert.True(ended, "the retries should have stopped at the request's deadline");
        await Assert.ThrowsAsync<TimeoutRejectedException>(() => call);
        Assert.InRange(clock.GetUtcNow() - started, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public async Task A_retry_the_pipeline_abandons_unanswered_may_have_written_even_after_an_attempt_that_wrote_nothing()
    {
        var calls = Calls;
        var writes = new WriteAttempts();
        var sent = 0;

        var call = calls.Run(
            _ => ++sent switch
            {
                // Storage refused the first write and rolled it back: nothing stored so far.
                1 => Task.FromException<int>(new StorageUnavailableException("locked") { NothingWritten = true }),
                // The retry is never answered: the pipeline's attempt timeout abandons it after 200 ms.
                2 => new TaskCompletionSource<int>().Task,
                _ => Task.FromResult(5),
            },
            CancellationToken.None,
            writes);
        var ended = await MoveTheClockUntil(call, TimeSpan.FromMilliseconds(900));

        Assert.True(ended, "the third attempt should have answered");
        Assert.Equal((5, 3), (await call, sent));
        Assert.True(writes.MayHaveWritten);
    }

    /// <summary>
    /// Moves the clock a millisecond at a time, giving the call's continuations real time to run after each step,
    /// until the call ends or the clock has moved <paramref name="limit"/>. True when the call ended.
    /// </summary>
    private async Task<bool> MoveTheClockUntil(Task call, TimeSpan limit)
    {
        var started = clock.GetUtcNow();
        while (!call.IsCompleted && clock.GetUtcNow() - started < limit)
        {
            clock.Advance(Step);
            await Task.WhenAny(call, Task.Delay(TimeSpan.FromMilliseconds(5)));
        }

        return call.IsCompleted;
    }

    public void Dispose()
    {
        request.Dispose();
        services.Dispose();
    }
}
