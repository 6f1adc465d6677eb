using Microsoft.Extensions.Options;

namespace Loans.Api.Resilience;

/// <summary>
/// The deadline of one request (scoped: one per request, started when its endpoint first asks for it).
/// <see cref="Work"/> is the token grain calls carry down to storage: it fires <see cref="RequestTimeoutOptions.AnswerReserve"/>
/// before the request's deadline (<see cref="RequestTimeoutOptions.RequestTimeout"/> after it started), after which no write
/// for this request starts.
/// </summary>
public sealed class RequestBudget : IDisposable
{
    private readonly TimeProvider clock;
    private readonly CancellationTokenSource work;
    private readonly long started;
    private readonly TimeSpan timeout;

    public RequestBudget(IOptions<RequestTimeoutOptions> options, TimeProvider clock)
    {
        this.clock = clock;
        var settings = options.Value;
        started = clock.GetTimestamp();
        timeout = settings.RequestTimeout;
        AttemptTimeout = settings.AttemptTimeout;
        work = new CancellationTokenSource(settings.RequestTimeout - settings.AnswerReserve, clock);
    }

    /// <summary>How long one attempt of a grain call may stay unanswered before it is sent again.</summary>
    public TimeSpan AttemptTimeout { get; }

    /// <summary>Fires when no new work may start for this request; passed to every grain call.</summary>
    public CancellationToken Work => work.Token;

    /// <summary>What is left of the budget (never negative).</summary>
    /// <remarks>
    /// Measured on the monotonic clock: the wall clock can be stepped (NTP, a virtual machine resumed), and a step
    /// of a second would give a call no time at all, or a whole new budget.
    /// </remarks>
    public TimeSpan Remaining => timeout - clock.GetElapsedTime(started) is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    public void Dispose() => work.Dispose();
}
