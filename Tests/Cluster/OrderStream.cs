using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;

namespace Loans.Tests.Cluster;

/// <summary>
/// A steady stream of POST /orders from a few concurrent clients, recording every outcome: the order id and
/// status of each 201, and the status, media type and Retry-After of each failure.
/// </summary>
public sealed class OrderStream : IAsyncDisposable
{
    private readonly ConcurrentQueue<Outcome> outcomes = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task[] clients;

    private OrderStream(HttpClient api, int clientCount)
    {
        clients = Enumerable.Range(0, clientCount).Select(_ => Task.Run(() => Drive(api))).ToArray();
    }

    public static OrderStream Start(HttpClient api, int clients = 4) => new(api, clients);

    public IReadOnlyList<Outcome> Outcomes => outcomes.ToArray();

    public IEnumerable<Outcome> Acknowledged => outcomes.Where(o => o.Status == 201);

    public IEnumerable<Outcome> Failed => outcomes.Where(o => o.Status != 201);

    /// <summary>
    /// Waits until <paramref name="successes"/> orders in a row, sent after <paramref name="since"/>, were
    /// acknowledged, and returns how long after <paramref name="since"/> the last failure came back (zero if none).
    /// </summary>
    public async Task<TimeSpan> WaitUntilServing(DateTime since, int successes, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var after = outcomes.Where(o => o.StartedAt >= since || o.EndedAt >= since).ToArray();
            var lastFailure = after.Where(o => o.Status != 201).Select(o => (DateTime?)o.EndedAt).Max();
            var servedSince = after.Count(o => o.Status == 201 && o.StartedAt > (lastFailure ?? since));
            if (servedSince >= successes)
            {
                return lastFailure is { } end ? end - since : TimeSpan.Zero;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The API did not acknowledge {successes} orders in a row within {timeout} of {since:O}.");
    }

    public async Task Stop()
    {
        await stop.CancelAsync();
        await Task.WhenAll(clients);
    }

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await Stop();
        }

        stop.Dispose();
    }

    private async Task Drive(HttpClient api)
    {
        var body = Fixtures.LoanOrderJson;
        while (!stop.IsCancellationRequested)
        {
            var started = DateTime.UtcNow;
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await api.PostAsync("/orders", content);
                var text = await response.Content.ReadAsStringAsync();
                var ended = DateTime.UtcNow;
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var order = JsonNode.Parse(text)!;
                    outcomes.Enqueue(new Outcome(started, ended, 201, order["id"]!.GetValue<string>(), order["status"]!.GetValue<string>(), null, false, null));
                }
                else
                {
                    outcomes.Enqueue(new Outcome(started, ended, (int)response.StatusCode, null, null,
                        response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter is not null, text.Length > 300 ? text[..300] : text));
                }
            }
            catch (TaskCanceledException) when (!stop.IsCancellationRequested)
            {
                outcomes.Enqueue(new Outcome(started, DateTime.UtcNow, null, null, null, null, false, $"no answer within the client timeout {api.Timeout}"));
            }
            catch (HttpRequestException exception)
            {
                outcomes.Enqueue(new Outcome(started, DateTime.UtcNow, null, null, null, null, false, $"connection failed: {exception.Message}"));
                await Task.Delay(50);
            }
            catch (TaskCanceledException)
            {
                // Stopping: the request in flight is abandoned and not counted.
            }
        }
    }

    /// <summary>One POST /orders: the order when acknowledged, else what the API answered (or that it did not).</summary>
    public sealed record Outcome(
        DateTime StartedAt,
        DateTime EndedAt,
        int? Status,
        string? OrderId,
        string? OrderStatus,
        string? MediaType,
        bool RetryAfter,
        string? Detail)
    {
        /// <summary>The one acceptable failure: 503 problem details with Retry-After.</summary>
        public bool IsRetryableUnavailable => Status == 503 && MediaType == "application/problem+json" && RetryAfter;

        public override string ToString() =>
            $"{StartedAt:HH:mm:ss.fff}-{EndedAt:HH:mm:ss.fff} {(Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no status")} {MediaType} {Detail}";
    }
}
