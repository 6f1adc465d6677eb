using Microsoft.Extensions.Options;

namespace Loans.Api.Resilience;

/// <summary>
/// The deadline of one request (scoped: one per request, started when its endpoint first asks for it).
/// <see cref="Work"/> is the token grain calls carry down to storage: it fires <see cref="RequestTimeoutOptions.AnswerReserve"/>
/// before <see cref="Deadline"/>, after which no write for this request starts.
/// </summary>
public sealed class RequestBudget : IDisposable
{
    private readonly TimeProvider clock;
    private readonly CancellationTokenSource work;

    public RequestBudget(IOptions<RequestTimeoutOptions> options, TimeProvider clock)
    {
        this.clock = clock;
        var settings = options.Value;
        Deadline = clock.GetUtcNow() + settings.RequestTimeout;
        AttemptTimeout = settings.AttemptTimeout;
        work = new CancellationTokenSource(settings.RequestTimeout - settings.AnswerReserve, clock);
    }

    /// <summary>When the request is answered whatever is still pending.</summary>
    public DateTimeOffset Deadline { get; }

    /// <summary>How long one attempt of a grain call may stay unanswered before it is sent again.</summary>
    public TimeSpan AttemptTimeout { get; }

    /// <summary>Fires when no new work may start for this request; passed to every grain call.</summary>
    public CancellationToken Work => work.Token;

    /// <summary>What is left of the budget (never negative).</summary>
    public TimeSpan Remaining => Deadline - clock.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    public void Dispose() => work.Dispose();
}
