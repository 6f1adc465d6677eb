using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Loans.Api.Telemetry;

/// <summary>
/// Starts traces only at incoming HTTP requests, and only for <c>Telemetry:TraceSampleRatio</c> of them, chosen by
/// trace id so every process keeps or drops the same traces. Background calls would otherwise each become a root
/// span in Zipkin: the cluster client's (cluster manifest, gateway refresh) in the API, and in a silo that hosts the
/// API, Orleans' own (membership, timers, dashboard polling).
/// Wrapped in a parent-based sampler, so everything inside a sampled request is kept.
/// </summary>
public sealed class IncomingRequestsSampler(double ratio) : Sampler
{
    /// <summary>The name ASP.NET Core gives the activity of each incoming request, before it is renamed to its route.</summary>
    internal const string HttpRequestActivity = "Microsoft.AspNetCore.Hosting.HttpRequestIn";

    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);
    private readonly TraceIdRatioBasedSampler requests = new(ratio);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind == ActivityKind.Server && samplingParameters.Name == HttpRequestActivity
            ? requests.ShouldSample(samplingParameters)
            : Drop;
}
