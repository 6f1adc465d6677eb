using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Loans.Tests.Observability;

/// <summary>
/// The real Silo and Api processes export spans to a stand-in Zipkin: one order must read as one trace
/// from the HTTP request through the grains to the storage write.
/// </summary>
public class TracingTests
{
    private const string Api = "loan-orders-api";
    private const string Silo = "loan-orders-silo";

    [Fact]
    public async Task One_order_is_one_trace_from_the_api_through_the_silo_without_personal_data()
    {
        await using var collector = await ZipkinCollector.Start();
        await using var system = await LoansSystem.Start(Settings(collector.Endpoint));

        var (orderId, trace) = await TraceOfOneOrder(collector, system.Api);

        var root = Assert.Single(trace, s => s.ParentId() is null);
        Assert.Equal((Api, "SERVER"), (root.Service(), root.Kind()));
        Assert.Equal("201", root.Tag("http.response.status_code"));
        var submitCall = ChildOf(trace, root, Api, "CLIENT", "ILoanOrderGrain/Submit");
        var submit = ChildOf(trace, submitCall, Silo, "SERVER", "ILoanOrderGrain/Submit");
        Assert.Equal(orderId, submit.Tag("loans.order.id"));
        var verifyCall = ChildOf(trace, submit, Silo, "CLIENT", "IFraudVerifierGrain/Verify");
        var verifyGrain = ChildOf(trace, verifyCall, Silo, "SERVER", "IFraudVerifierGrain/Verify");
        var verification = ChildOf(trace, verifyGrain, Silo, null, "verify customer");
        Assert.Equal("passed", verification.Tag("loans.verification.result"));
        Assert.Equal("off", verification.Tag("feature_flag.new_verification"));
        Assert.Contains("feature_flag.evaluation", verification.Annotations());
        // Microsoft.FeatureManagement evaluates the toggle: its own span under the verification, with its event.
        var evaluation = ChildOf(trace, verification, Silo, null, "FeatureEvaluation");
        Assert.Contains("FeatureFlag", evaluation.Annotations());
        // The toggle is read from the silo's cache, which loads the known toggles at start-up: whether this first
        // order found it there or loaded it on a miss (a toggle-grain call under this span) is not this test's subject.
        var write = ChildOf(trace, submit, Silo, null, "store loan order");
        Assert.Equal("Verified", write.Tag("loans.order.status"));

        // Traces start only at HTTP requests: no root spans from Orleans' background calls or dashboard polling.
        Assert.All(collector.Spans.Where(s => s.ParentId() is null), s => Assert.Equal((Api, "SERVER"), (s.Service(), s.Kind())));

        // The customer's identity stays in the system: not in span names, tags or annotations.
        var exported = collector.RawJson;
        var person = Customers.Anna.Person;
        foreach (var secret in new[] { person.NationalIdNumber, person.Surname, "1986-11-03", Customers.AnnaUuid.ToString() })
        {
            Assert.DoesNotContain(secret, exported, StringComparison.OrdinalIgnoreCase);
        }

        // Log lines carry the trace id, so logs and traces can be joined.
        Assert.Contains(root.TraceId(), system.Silo!.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Co_hosted_one_order_is_one_trace_inside_the_silo_from_its_http_request_to_the_storage_write()
    {
        await using var collector = await ZipkinCollector.Start();
        await using var system = await LoansSystem.Start(Settings(collector.Endpoint), LoansTopology.CoHosted);

        var (_, trace) = await TraceOfOneOrder(collector, system.Api);

        // One process, one service: the HTTP request is the root, the grain calls run in-process beneath it.
        var root = Assert.Single(trace, s => s.ParentId() is null);
        Assert.Equal((Silo, "SERVER", "201"), (root.Service(), root.Kind(), root.Tag("http.response.status_code")));
        var submitCall = ChildOf(trace, root, Silo, "CLIENT", "ILoanOrderGrain/Submit");
        var submit = ChildOf(trace, submitCall, Silo, "SERVER", "ILoanOrderGrain/Submit");
        var write = ChildOf(trace, submit, Silo, null, "store loan order");
        Assert.Equal("Verified", write.Tag("loans.order.status"));

        // Traces start only at HTTP requests, not at Orleans' own calls, which arrive at the silo as server spans too.
        Assert.All(collector.Spans.Where(s => s.ParentId() is null), s => Assert.NotNull(s.Tag("http.response.status_code")));
    }

    [Fact]
    public async Task Orders_are_served_promptly_while_the_trace_collector_hangs()
    {
        // A collector that accepts connections and never answers: the worst case for a synchronous exporter.
        using var hungCollector = new TcpListener(IPAddress.Loopback, 0);
        hungCollector.Start();
        var accepted = new System.Collections.Concurrent.ConcurrentQueue<TcpClient>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                accepted.Enqueue(await hungCollector.AcceptTcpClientAsync(stop.Token));
            }
        });
        var endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)hungCollector.LocalEndpoint).Port}/api/v2/spans");

        await using (var system = await LoansSystem.Start(Settings(endpoint)))
        {
            for (var i = 0; i < 10; i++)
            {
                // Not a speed limit: an exporter on the request path would hold each order for its whole
                // 10 s HTTP timeout, so an order that answers well inside it did not wait for the collector.
                using var beforeExporterTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(8));
                var order = await SampleOrders.Post(system.Api, beforeExporterTimeout.Token);
                Assert.Equal("VERIFIED", order["status"]!.GetValue<string>());
                await Task.Delay(150);
            }
        }

        Assert.True(accepted.Count > 0, "The exporter never reached the hung collector, so the test proved nothing.");

        await stop.CancelAsync();
        await Task.WhenAny(accepting);
        foreach (var client in accepted)
        {
            client.Dispose();
        }
    }

    private static Dictionary<string, string> Settings(Uri zipkin) => new(AdminCredentials.Settings)
    {
        // The per-order log line carrying the trace id is at Debug; this test asks for it, as a user would.
        ["Logging__LogLevel__Loans.Grains.Orders"] = "Debug",
        ["Telemetry__Exporter"] = "Zipkin",
        ["Telemetry__ZipkinEndpoint"] = zipkin.ToString(),
        ["Telemetry__ExportInterval"] = "00:00:00.100",
    };

    private static JsonObject ChildOf(List<JsonObject> trace, JsonObject parent, string service, string? kind, string name)
    {
        var children = trace.Where(s => s.ParentId() == parent.Id()).ToList();
        var child = children.FirstOrDefault(s => s.Service() == service && s.Kind() == kind && s.Name() == name);
        Assert.True(child is not null,
            $"Expected {service} {kind} '{name}' under {parent.Describe()}; children are: {string.Join("; ", children.Select(c => c.Describe()))}");
        return child;
    }

    /// <summary>
    /// Posts the sample order and returns the whole trace of it, once its storage write and its root span (each
    /// process exports on its own schedule) have reached the collector. The write is the one span the order id tags.
    /// </summary>
    private static async Task<(string OrderId, List<JsonObject> Trace)> TraceOfOneOrder(ZipkinCollector collector, HttpClient api)
    {
        var orderId = (await SampleOrders.Post(api))["id"]!.GetValue<string>();
        var stored = await collector.WaitFor(all => all.Any(s => s.Name() == "store loan order" && s.Tag("loans.order.id") == orderId), TimeSpan.FromSeconds(30));
        var traceId = stored.Single(s => s.Name() == "store loan order" && s.Tag("loans.order.id") == orderId).TraceId();
        var spans = await collector.WaitFor(all => all.Any(s => s.TraceId() == traceId && s.ParentId() is null), TimeSpan.FromSeconds(30));
        return (orderId, spans.Where(s => s.TraceId() == traceId).ToList());
    }
}
