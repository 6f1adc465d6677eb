namespace Loans.Api.Resilience;

/// <summary>
/// The budget of one API request. Section <c>Api</c>. Everything done for a request (its grain calls, their
/// retries, the storage write behind them and that write's own retries) fits inside <see cref="RequestTimeout"/>;
/// the other two durations are derived from it, so one number describes the API's promise.
/// </summary>
public sealed class RequestTimeoutOptions
{
    public const string SectionName = "Api";

    public static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a request may take before it is answered whatever is still pending (503). Keep it well under the
    /// load balancer's and the clients' timeouts: an answer that arrives after the client gave up is lost.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one attempt of a grain call may stay unanswered before it is sent again (a tenth of the budget,
    /// 200 ms to 1 s). A call through a silo that was just killed is never answered; Orleans would wait
    /// <c>Cluster:ResponseTimeout</c>. The abandoned attempt is not cancelled: a slow but live one still finishes,
    /// and the retry (same order id) waits behind it on the same grain and returns its result.
    /// </summary>
    public TimeSpan AttemptTimeout => Clamp(RequestTimeout / 10, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

    /// <summary>
    /// The end of the budget kept for the silo's answer (a tenth, 100 to 500 ms): grain calls are told to start no
    /// new work this long before the deadline, so the API hears "not stored" from the silo before it must answer.
    /// </summary>
    public TimeSpan AnswerReserve => Clamp(RequestTimeout / 10, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500));

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}
