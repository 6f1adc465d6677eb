using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Loans.Api.Telemetry;

/// <summary>
/// Starts traces only at incoming HTTP requests (server spans), and only for <c>Telemetry:TraceSampleRatio</c>
/// of them, chosen by trace id so every process keeps or drops the same traces. The cluster client's own
/// background calls (cluster manifest, gateway refresh) would otherwise each become a root span in Zipkin.
/// Wrapped in a parent-based sampler, so everything inside a sampled request is kept.
/// </summary>
internal sealed class IncomingRequestsSampler(double ratio) : Sampler
{
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);
    private readonly TraceIdRatioBasedSampler requests = new(ratio);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind == ActivityKind.Server ? requests.ShouldSample(samplingParameters) : Drop;
}
