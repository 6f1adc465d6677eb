using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Loans.Tests.Observability;

/// <summary>
/// Stands in for Zipkin: accepts span batches on <c>POST /api/v2/spans</c> (Zipkin JSON v2) and keeps them,
/// so a test can read exactly what the services exported.
/// </summary>
public sealed class ZipkinCollector : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<JsonObject> spans = new();

    private ZipkinCollector(WebApplication app)
    {
        this.app = app;
    }

    /// <summary>Where the services post spans; known once the collector has bound its port.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<JsonObject> Spans => [.. spans];

    /// <summary>Every byte the services posted, to search for data that must never leave them.</summary>
    public string RawJson => string.Join('\n', spans.Select(span => span.ToJsonString()));

    public static async Task<ZipkinCollector> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Kestrel binds port 0 itself and reports what it got: no port passes through anyone else's hands.
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var collector = new ZipkinCollector(app);
        app.MapPost("/api/v2/spans", async (HttpRequest request) =>
        {
            var batch = await JsonNode.ParseAsync(request.Body);
            foreach (var span in batch!.AsArray())
            {
                collector.spans.Enqueue(span!.AsObject());
            }

            return Results.Accepted();
        });
        await app.StartAsync();
        collector.Endpoint = new Uri(new Uri(app.Urls.Single()), "/api/v2/spans");
        return collector;
    }

    /// <summary>Waits until the spans collected so far satisfy the condition.</summary>
    public async Task<IReadOnlyList<JsonObject>> WaitFor(Func<IReadOnlyList<JsonObject>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var current = Spans;
            if (condition(current))
            {
                return current;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The collector did not receive the expected spans within {timeout}. Received:{Environment.NewLine}{RawJson}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
