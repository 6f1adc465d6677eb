using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;

namespace Loans.Api.Telemetry.GrainCalls;

/// <summary>
/// Trace context across grain calls, in place of Orleans' <c>AddActivityPropagation</c>: the same spans, sources,
/// tags and propagation for every call made inside a trace, and no span at all for the others (Orleans' filters
/// start a root span on the receiving side of every call that brought no context, which no sampler here keeps).
/// </summary>
public static class GrainCallTracingExtensions
{
    public static IClientBuilder AddLoansGrainCallTracing(this IClientBuilder client)
    {
        client.Services.TryAddSingleton(DistributedContextPropagator.Current);
        return client.AddOutgoingGrainCallFilter<TraceContinuingOutgoingCalls>();
    }

    public static ISiloBuilder AddLoansGrainCallTracing(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(DistributedContextPropagator.Current);
        return silo
            .AddOutgoingGrainCallFilter<TraceContinuingOutgoingCalls>()
            .AddIncomingGrainCallFilter<TraceContinuingIncomingCalls>();
    }
}
