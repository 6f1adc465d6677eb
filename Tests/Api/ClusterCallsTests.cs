using System.Diagnostics.Metrics;
using Loans.Api.Resilience;
using Loans.Grains.Interfaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polly.Timeout;

namespace Loans.Tests.Api;

/// <summary>
/// How the API sends a grain call: the first attempt is awaited directly, and only a failed one enters the
/// <c>cluster-calls</c> pipeline, which counts that failure as its first attempt and retries within the request's
/// deadline. Real pipeline and budget from the API's own wiring (<c>Api:RequestTimeout</c> = 5 s, the default:
/// attempts of 500 ms); the grain call is a function, so each outcome can be chosen. The bounds on durations are
/// loose on purpose: on a loaded two-core machine a timer was seen to fire most of a second late.
/// </summary>
public sealed class ClusterCallsTests : IDisposable
{
    private readonly ServiceProvider services;
    private readonly AsyncServiceScope request;
    private readonly MeterListener meters = new();
    private readonly List<(string Event, bool Handled)> pollyAttempts = [];

    public ClusterCallsTests()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Api:RequestTimeout"] = "00:00:05" });
        builder.AddLoansResilience();
        builder.Services.AddSingleton(TimeProvider.System);
        services = builder.Services.BuildServiceProvider();
        request = services.CreateAsyncScope();

        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ResilienceExtensions.PollyMeterName && instrument.Name == "resilience.polly.strategy.attempt.duration")
            {
                listener.EnableMeasurementEvents(instrument, this);
            }
        };
        meters.SetMeasurementEventCallback<double>((_, _, tags, state) =>
        {
            if (state != this)
            {
                return;
            }

            var handled = false;
            var pipeline = "";
            foreach (var tag in tags)
            {
                if (tag.Key == "attempt.handled")
                {
                    handled = tag.Value is true || (tag.Value as string) == "true";
                }
                else if (tag.Key == "pipeline.name")
                {
                    pipeline = tag.Value as string ?? "";
                }
            }

            if (pipeline == ResilienceExtensions.ClusterCallsPipeline)
            {
                lock (pollyAttempts)
                {
                    pollyAttempts.Add(("attempt", handled));
                }
            }
        });
        meters.Start();
    }

    private ClusterCalls Calls => request.ServiceProvider.GetRequiredService<ClusterCalls>();

    [Fact]
    public async Task A_call_answered_at_once_is_sent_once_with_the_requests_work_token_and_never_enters_the_pipeline()
    {
        var sent = new List<(CancellationToken Work, bool Retry)>();

        var answer = await Calls.Run(work => { sent.Add((work, SubmitAttempts.IsRetry())); return Task.FromResult(42); }, CancellationToken.None);

        Assert.Equal(42, answer);
        var (token, retry) = Assert.Single(sent);
        Assert.Equal(request.ServiceProvider.GetRequiredService<RequestBudget>().Work, token);
        Assert.False(retry);
        Assert.Empty(Attempts());
    }

    [Fact]
    public async Task A_transient_failure_is_sent_again_as_a_retry_and_counted_by_the_pipeline_as_its_first_attempt()
    {
        var sent = new List<bool>();

        var answer = await Calls.Run(
            _ =>
            {
                sent.Add(SubmitAttempts.IsRetry());
                return sent.Count == 1 ? Task.FromException<int>(new SiloUnavailableException("gone")) : Task.FromResult(7);
            },
            CancellationToken.None);

        Assert.Equal(7, answer);
        Assert.Equal([false, true], sent);
        Assert.Equal([("attempt", true), ("attempt", false)], Attempts());
    }

    [Fact]
    public async Task An_unanswered_first_attempt_is_abandoned_after_the_attempt_timeout_and_sent_again()
    {
        var never = new TaskCompletionSource<int>();
        var writes = new WriteAttempts();
        var sent = 0;
        var started = DateTime.UtcNow;

        var answer = await Calls.Run(_ => ++sent == 1 ? never.Task : Task.FromResult(9), CancellationToken.None, writes);

        Assert.Equal(9, answer);
        Assert.Equal(2, sent);
        // Waited for the attempt (500 ms), and was not stuck until the deadline (5 s).
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(4));
        // Nobody knows what the abandoned attempt did: a failure now could not say "not stored".
        Assert.True(writes.MayHaveWritten);
        Assert.Equal([("attempt", true), ("attempt", false)], Attempts());
    }

    [Fact]
    public async Task A_call_that_throws_before_it_is_sent_is_a_failed_first_attempt_and_sent_again()
    {
        var sent = 0;

        var answer = await Calls.Run(_ => ++sent == 1 ? throw new SiloUnavailableException("no connection") : Task.FromResult(3), CancellationToken.None);

        Assert.Equal((3, 2), (answer, sent));
    }

    [Fact]
    public async Task A_failure_the_grain_decided_is_answered_at_once_without_a_retry()
    {
        var sent = 0;
        var writes = new WriteAttempts();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Calls.Run<int>(_ => { sent++; return Task.FromException<int>(new InvalidOperationException("decided")); }, CancellationToken.None, writes));

        Assert.Equal(1, sent);
        Assert.True(writes.MayHaveWritten);
        Assert.Empty(Attempts());
    }

    [Fact]
    public async Task A_grain_that_says_its_deadline_passed_before_the_write_is_not_retried_and_nothing_was_written()
    {
        var sent = 0;
        var writes = new WriteAttempts();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Calls.Run<int>(_ => { sent++; return Task.FromException<int>(new OperationCanceledException()); }, CancellationToken.None, writes));

        Assert.Equal(1, sent);
        Assert.False(writes.MayHaveWritten);
    }

    [Fact]
    public async Task Calls_that_are_never_answered_end_at_the_requests_deadline()
    {
        var never = new TaskCompletionSource<int>();
        var sent = 0;
        var started = DateTime.UtcNow;

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => Calls.Run(_ => { sent++; return never.Task; }, CancellationToken.None));

        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(8));
        Assert.InRange(sent, 2, 12);
    }

    [Fact]
    public async Task A_client_that_went_away_stops_the_wait_without_a_retry()
    {
        using var aborted = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var sent = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Calls.Run(_ => { sent++; return new TaskCompletionSource<int>().Task; }, aborted.Token));

        Assert.Equal(1, sent);
    }

    public void Dispose()
    {
        meters.Dispose();
        request.Dispose();
        services.Dispose();
    }

    private (string, bool)[] Attempts()
    {
        lock (pollyAttempts)
        {
            return [.. pollyAttempts];
        }
    }
}
