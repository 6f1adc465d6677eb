using System.Diagnostics;
using Loans.Api.Telemetry.GrainCalls;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Loans.Tests.Observability;

/// <summary>
/// The silo and the client wired with the trace propagation both production hosts use, in one process, so a
/// listener sees both sides of a grain call.
/// </summary>
public sealed class TracedClusterFixture : LoansClusterFixture
{
    protected override void Configure(TestClusterBuilder builder)
    {
        builder.AddSiloBuilderConfigurator<SiloTracing>();
        builder.AddClientBuilderConfigurator<ClientTracing>();
    }

    private sealed class SiloTracing : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddLoansGrainCallTracing();
    }

    private sealed class ClientTracing : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.AddLoansGrainCallTracing();
    }
}

/// <summary>
/// A grain call inside a trace carries it on (a client span, then a server span beneath it, with Orleans' names,
/// sources and tags); a call outside any trace creates no span on either side, even for a listener that would
/// record every span offered to it (Orleans' own filter starts a root span on the silo for each such call).
/// </summary>
public sealed class GrainCallTracingTests : IClassFixture<TracedClusterFixture>, IDisposable
{
    private const string TestSource = "Loans.Tests.GrainCallTracing";
    private static readonly ActivitySource Test = new(TestSource);
    private readonly TracedClusterFixture fixture;
    private readonly List<Activity> stopped = [];
    private readonly ActivityListener listener;

    public GrainCallTracingTests(TracedClusterFixture fixture)
    {
        this.fixture = fixture;
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Microsoft.Orleans.", StringComparison.Ordinal) || source.Name == TestSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (stopped) { stopped.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
    }

    [Fact]
    public async Task A_call_inside_a_trace_is_a_client_span_with_the_grains_server_span_beneath_it()
    {
        var grain = fixture.Client.GetGrain<ILoanOrderGrain>(Guid.NewGuid());
        Activity root;
        using (root = Test.StartActivity("request")!)
        {
            root.AddBaggage("loans.test", "carried");
            await grain.Get();
        }

        // The first call activates the grain: Orleans' runtime calls made meanwhile belong to the trace too.
        var trace = SpansOf(root.TraceId).Where(s => s.OperationName == "ILoanOrderGrain/Get").ToArray();
        var call = Assert.Single(trace, s => s.Kind == ActivityKind.Client);
        var served = Assert.Single(trace, s => s.Kind == ActivityKind.Server);
        Assert.Equal((root.SpanId, call.SpanId), (call.ParentSpanId, served.ParentSpanId));
        Assert.All([call, served], span =>
        {
            Assert.Equal(("Microsoft.Orleans.Application", "ILoanOrderGrain/Get"), (span.Source.Name, span.OperationName));
            Assert.Equal("orleans", span.GetTagItem("rpc.system.name"));
            Assert.Equal($"{typeof(ILoanOrderGrain).FullName}/Get", span.GetTagItem("rpc.method"));
            Assert.Equal(grain.GetGrainId().ToString(), span.GetTagItem("orleans.rpc.target_id"));
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
        });
        Assert.Equal("carried", served.GetBaggageItem("loans.test"));
    }

    [Fact]
    public async Task A_call_outside_any_trace_creates_no_span_on_either_side()
    {
        Activity.Current = null;
        var grain = fixture.Client.GetGrain<ILoanOrderGrain>(Guid.NewGuid());

        await grain.Get();
        await grain.Get();

        var target = grain.GetGrainId().ToString();
        lock (stopped)
        {
            Assert.DoesNotContain(stopped, s => (string?)s.GetTagItem("orleans.rpc.target_id") == target);
        }
    }

    [Fact]
    public async Task A_call_that_fails_marks_both_spans_as_errors_with_the_exception()
    {
        var grain = fixture.Client.GetGrain<ILoanOrderGrain>(Guid.NewGuid());
        Activity root;
        using (root = Test.StartActivity("request")!)
        {
            // No application to verify: the grain fails on it.
            await Assert.ThrowsAsync<NullReferenceException>(() => grain.Submit(null!));
        }

        var trace = SpansOf(root.TraceId).Where(s => s.OperationName == "ILoanOrderGrain/Submit").ToArray();
        Assert.Equal(2, trace.Length);
        Assert.All(trace, span =>
        {
            Assert.Equal(ActivityStatusCode.Error, span.Status);
            Assert.NotNull(span.GetTagItem("exception.type"));
            Assert.Equal(true, span.GetTagItem("exception.escaped"));
        });
    }

    public void Dispose() => listener.Dispose();

    private Activity[] SpansOf(ActivityTraceId trace)
    {
        lock (stopped)
        {
            return [.. stopped.Where(s => s.TraceId == trace && s.Source.Name != TestSource)];
        }
    }
}
