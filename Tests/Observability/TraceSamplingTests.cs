using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using Loans.Api.Telemetry;
using OpenTelemetry.Trace;

namespace Loans.Tests.Observability;

/// <summary>Telemetry:TraceSampleRatio decides how many incoming requests start a trace; nothing else starts one.</summary>
public class TraceSamplingTests
{
    private static readonly ActivityTraceId[] TraceIds = [.. Enumerable.Range(0, 10_000).Select(_ => ActivityTraceId.CreateRandom())];

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Incoming_requests_are_sampled_at_the_configured_ratio(double ratio)
    {
        var sampler = new IncomingRequestsSampler(ratio);

        var sampled = TraceIds.Count(id => Decide(sampler, id, ActivityKind.Server) == SamplingDecision.RecordAndSample);

        Assert.InRange(sampled / (double)TraceIds.Length, ratio - 0.02, ratio + 0.02);
    }

    [Theory]
    [InlineData(ActivityKind.Client)]
    [InlineData(ActivityKind.Internal)]
    [InlineData(ActivityKind.Producer)]
    public void Background_calls_never_start_a_trace(ActivityKind kind)
    {
        var sampler = new IncomingRequestsSampler(1.0);

        Assert.All(TraceIds.Take(100), id => Assert.Equal(SamplingDecision.Drop, Decide(sampler, id, kind)));
    }

    [Fact]
    public void An_incoming_grain_call_never_starts_a_trace()
    {
        // A silo that hosts the API samples with this sampler too; Orleans' own calls arrive as server spans.
        var sampler = new IncomingRequestsSampler(1.0);

        Assert.All(TraceIds.Take(100), id => Assert.Equal(SamplingDecision.Drop,
            sampler.ShouldSample(new SamplingParameters(default, id, "IMembershipTableSystemTarget/ReadAll", ActivityKind.Server)).Decision));
    }

    [Fact]
    public void The_same_trace_id_gets_the_same_decision_every_time()
    {
        var first = new IncomingRequestsSampler(0.3);
        var second = new IncomingRequestsSampler(0.3);

        Assert.All(TraceIds.Take(1000), id => Assert.Equal(Decide(first, id, ActivityKind.Server), Decide(second, id, ActivityKind.Server)));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_ratio_outside_zero_to_one_is_refused(double ratio)
    {
        var options = new ApiTelemetryOptions { TraceSampleRatio = ratio };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(ApiTelemetryOptions.TraceSampleRatio)));
    }

    private static SamplingDecision Decide(Sampler sampler, ActivityTraceId traceId, ActivityKind kind) =>
        sampler.ShouldSample(new SamplingParameters(default, traceId, IncomingRequestsSampler.HttpRequestActivity, kind)).Decision;
}
