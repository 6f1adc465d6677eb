using System.Diagnostics;

namespace Loans.Api.Telemetry.GrainCalls;

/// <summary>
/// A server span for a grain call that brought a trace context (W3C <c>traceparent</c>, or a hierarchical id),
/// with its trace state and baggage. A call that brought none was made outside a trace, or inside one its root
/// chose not to keep (<see cref="TraceContinuingOutgoingCalls"/> injects nothing then): Orleans' own filter
/// would start a root span here that no sampler of ours keeps, on every such call.
/// </summary>
internal sealed class TraceContinuingIncomingCalls(DistributedContextPropagator propagator) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        propagator.ExtractTraceIdAndState(null, FromRequestContext, out var traceParent, out var traceState);
        if (string.IsNullOrEmpty(traceParent))
        {
            return context.Invoke();
        }

        var source = GrainCallSpan.SourceOf(context);
        var name = context.Request.GetActivityName();
        var span = ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent)
            ? source.CreateActivity(name, ActivityKind.Server, parent)
            : source.CreateActivity(name, ActivityKind.Server, traceParent);
        if (span is null)
        {
            return context.Invoke();
        }

        if (!string.IsNullOrEmpty(traceState))
        {
            span.TraceStateString = traceState;
        }

        if (propagator.ExtractBaggage(null, FromRequestContext) is { } baggage)
        {
            foreach (var (key, value) in baggage)
            {
                span.AddBaggage(key, value);
            }
        }

        span.Start();
        return GrainCallSpan.Around(context, span);
    }

    private static void FromRequestContext(object? carrier, string name, out string? value, out IEnumerable<string>? values)
    {
        values = null;
        value = RequestContext.Get(name) as string;
    }
}
