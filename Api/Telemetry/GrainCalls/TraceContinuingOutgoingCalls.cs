using System.Diagnostics;

namespace Loans.Api.Telemetry.GrainCalls;

/// <summary>
/// A client span for a grain call made inside a trace, whose context travels with the call in its request
/// context. Outside a trace (no current activity: Orleans' own background calls, timers) the call carries
/// nothing: traces here start only at HTTP requests (<see cref="IncomingRequestsSampler"/>), so such a span
/// could never be kept, and creating one for every call costs a request its share of the CPU.
/// </summary>
internal sealed class TraceContinuingOutgoingCalls(DistributedContextPropagator propagator) : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (Activity.Current is null
            || GrainCallSpan.SourceOf(context).StartActivity(context.Request.GetActivityName(), ActivityKind.Client) is not { } span)
        {
            return context.Invoke();
        }

        propagator.Inject(span, null, static (_, key, value) => RequestContext.Set(key, value));
        return GrainCallSpan.Around(context, span);
    }
}
