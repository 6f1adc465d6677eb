using Loans.Api.Resilience;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Loans.Tests.Api;

/// <summary>
/// A request's budget is time elapsed since it started, on the monotonic clock: a step of the wall clock (NTP, a
/// virtual machine resumed) must neither use it up nor hand out a new one. Seen on this project's CI machines, whose
/// wall clock stepped during test runs: grain calls were given 1 ms, or a whole new deadline.
/// </summary>
public sealed class RequestBudgetTests
{
    [Theory]
    [InlineData(+3_600)]
    [InlineData(-3_600)]
    public void A_step_of_the_wall_clock_leaves_what_remains_of_the_budget_unchanged(int stepSeconds)
    {
        var clock = new SteppingWallClock();
        using var budget = new RequestBudget(Options.Create(new RequestTimeoutOptions { RequestTimeout = TimeSpan.FromSeconds(5) }), clock);

        clock.Step(TimeSpan.FromSeconds(stepSeconds));

        Assert.Equal(TimeSpan.FromSeconds(5), budget.Remaining);
    }

    [Fact]
    public void What_remains_shrinks_with_the_time_that_passed_and_never_goes_below_zero()
    {
        var clock = new SteppingWallClock();
        using var budget = new RequestBudget(Options.Create(new RequestTimeoutOptions { RequestTimeout = TimeSpan.FromSeconds(1) }), clock);

        clock.Pass(TimeSpan.FromMilliseconds(300));
        Assert.Equal(TimeSpan.FromMilliseconds(700), budget.Remaining);

        clock.Pass(TimeSpan.FromMilliseconds(900));
        Assert.Equal(TimeSpan.Zero, budget.Remaining);
    }

    [Fact]
    public void No_new_work_may_start_once_only_the_reserve_for_the_answer_is_left()
    {
        // 5 s budget: the last 500 ms are kept for the silo's "not stored" to reach the API before it must answer.
        var clock = new FakeTimeProvider();
        using var budget = new RequestBudget(Options.Create(new RequestTimeoutOptions { RequestTimeout = TimeSpan.FromSeconds(5) }), clock);

        clock.Advance(TimeSpan.FromMilliseconds(4_499));
        Assert.False(budget.Work.IsCancellationRequested);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(budget.Work.IsCancellationRequested);
    }

    /// <summary>A wall clock that can be stepped and a monotonic clock that moves only when told (timers are the system's).</summary>
    private sealed class SteppingWallClock : TimeProvider
    {
        private TimeSpan step;
        private long elapsedTicks;

        public void Step(TimeSpan by) => step += by;

        public void Pass(TimeSpan time) => elapsedTicks += time.Ticks;

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + step;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => elapsedTicks;
    }
}
