using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Loans.Api.Telemetry;

/// <summary>
/// Starts traces only at incoming HTTP requests (server spans). The cluster client's own background calls
/// (cluster manifest, gateway refresh) would otherwise each become a root span in Zipkin. Wrapped in a
/// parent-based sampler, so everything inside a request is kept.
/// </summary>
internal sealed class IncomingRequestsSampler : Sampler
{
    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        new(samplingParameters.Kind == ActivityKind.Server ? SamplingDecision.RecordAndSample : SamplingDecision.Drop);
}
