using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Loans.Tests.Persistence;

/// <summary>
/// The order store stops taking writes while customers keep ordering: another process holds SQLite's write lock
/// (as a backup tool, a stuck migration or a hand-opened transaction would), first for less than the request's
/// budget, then for twice of it. Real silo and API processes with the default <c>Api:RequestTimeout</c> (5 s, set explicitly) and a
/// busy timeout of 1 s, so a locked write fails, is retried, and is stopped by the deadline. Every order carries its own uuid and
/// Idempotency-Key, so the database itself says which requests stored what.
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = new Loans.Api.Resilience.RequestTimeoutOptions().RequestTimeout;
    private static readonly TimeSpan ShortOutage = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan LongOutage = Budget * 2;

    [Fact]
    public async Task Every_503_during_a_store_outage_either_stored_nothing_or_names_the_order_and_key_retries_store_each_order_once()
    {
        await using var system = await LoansSystem.Start(new Dictionary<string, string>
        {
            ["GrainStorage__Sqlite__BusyTimeout"] = "00:00:01",
            ["Api__OrderRateLimit__Enabled"] = "false",
            ["Api__RequestTimeout"] = Budget.ToString(),
        });
        var database = Path.Combine(system.DataDirectory, "data", "loans.db");
        // Warm up (first calls compile and activate everything), so what follows measures the outages only.
        for (var i = 0; i < 20; i++)
        {
            using var warmUp = await system.Api.PostJson("/orders", Fixtures.LoanOrderJson);
            Assert.Equal(HttpStatusCode.Created, warmUp.StatusCode);
        }

        var requests = new ConcurrentQueue<Sent>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 6).Select(_ => Task.Run(() => Order(system.Api, requests, stop.Token))).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(2));
        var shortOutage = await HoldWriteLock(database, ShortOutage);
        await Task.Delay(Budget + TimeSpan.FromSeconds(1));
        var longOutage = await HoldWriteLock(database, LongOutage);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        // Writes already started when the lock went away are committed by now; none waits for a lock any more.
        await Task.Delay(TimeSpan.FromSeconds(2));

        var sent = requests.ToArray();
        var failed = sent.Where(r => r.Status != 201).ToArray();
        output.WriteLine($"{sent.Length} orders sent; short outage {shortOutage.Start:HH:mm:ss.fff}-{shortOutage.End:HH:mm:ss.fff}, " +
                         $"long outage {longOutage.Start:HH:mm:ss.fff}-{longOutage.End:HH:mm:ss.fff}");
        output.WriteLine($"{sent.Count(r => r.Status == 201)} x 201, {failed.Count(r => r.Outcome == "not_stored")} x 503 not stored, " +
                         $"{failed.Count(r => r.Outcome == "unknown")} x 503 unknown, {failed.Count(r => r.Status != 503)} other; " +
                         $"503 answered after {Range(failed.Select(r => r.Elapsed))}; 201 answered after {Range(sent.Where(r => r.Status == 201).Select(r => r.Elapsed))}");

        // Every failure is a 503 that says what happened to the order, within the budget.
        Assert.All(failed, r =>
        {
            Assert.True(r.Status == 503 && r.MediaType == "application/problem+json" && r.RetryAfter, r.ToString());
            Assert.Contains(r.Outcome, new[] { "not_stored", "unknown" });
            Assert.True(r.Outcome != "unknown" || r.NamedOrderId is not null, $"an unknown outcome must name the order: {r}");
            Assert.True(r.Elapsed < Budget + TimeSpan.FromSeconds(1), $"answered after {r.Elapsed}, past the budget: {r}");
        });

        // An outage shorter than the budget only delays: every order sent around it is stored and acknowledged.
        Assert.All(sent.Where(r => r.EndedAt < longOutage.Start), r => Assert.True(r.Status == 201, $"around the short outage: {r}"));
        Assert.Contains(sent, r => r.StartedAt < shortOutage.End && r.EndedAt > shortOutage.End && r.Status == 201);

        // The long one outlasts the budget: requests in it are answered 503, and the store shows what each 503 meant.
        Assert.NotEmpty(failed);
        foreach (var failure in failed)
        {
            var stored = await StoredIds(database, failure.Uuid);
            if (failure.Outcome == "not_stored")
            {
                Assert.True(stored.Count == 0, $"answered 'not stored' but stored as {string.Join(", ", stored)}: {failure}");
            }
            else
            {
                Assert.True(stored.All(id => id == failure.NamedOrderId), $"stored as {string.Join(", ", stored)}, named {failure.NamedOrderId}: {failure}");
            }
        }

        // Retrying each 503 with its key once the store is back stores the order, once, under the id any 503 named.
        var retried = 0;
        foreach (var failure in failed)
        {
            using var response = await system.Api.PostJson("/orders", failure.Body, failure.Key);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var id = (await response.ReadObject())["id"]!.GetValue<string>();
            Assert.True(failure.NamedOrderId is null || failure.NamedOrderId == id, $"retry stored {id}, the 503 named {failure.NamedOrderId}");
            retried++;
        }

        var duplicates = new List<string>();
        foreach (var request in sent)
        {
            var stored = await StoredIds(database, request.Uuid);
            if (stored.Count != 1)
            {
                duplicates.Add($"{request.Uuid}: stored {stored.Count} times ({request})");
            }
        }

        output.WriteLine($"{retried} requests retried with their Idempotency-Key; {duplicates.Count} orders not stored exactly once");
        Assert.True(duplicates.Count == 0, string.Join(Environment.NewLine, duplicates.Take(20)));
    }

    /// <summary>Takes SQLite's write lock from a connection of the test's own, holds it, and lets go.</summary>
    private static async Task<(DateTime Start, DateTime End)> HoldWriteLock(string database, TimeSpan duration)
    {
        await using var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();
        }

        var start = DateTime.UtcNow;
        await Task.Delay(duration);
        await using (var rollback = holder.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        return (start, DateTime.UtcNow);
    }

    /// <summary>The ids of the orders stored with this client uuid, read straight from the file.</summary>
    private static async Task<List<string>> StoredIds(string database, string uuid)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT order_id FROM orders WHERE json_extract(document, '$.order.uuid') = $uuid";
        command.Parameters.AddWithValue("$uuid", uuid);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static async Task Order(HttpClient api, ConcurrentQueue<Sent> requests, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var uuid = Guid.NewGuid().ToString();
            var key = Guid.NewGuid().ToString();
            var body = JsonRequests.SampleOrderWith(order => order["uuid"] = uuid);
            var started = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            using var response = await api.PostJson("/orders", body, key);
            var text = await response.Content.ReadAsStringAsync();
            var answer = JsonNode.Parse(text) as JsonObject;
            requests.Enqueue(new Sent(uuid, key, body, started, DateTime.UtcNow, clock.Elapsed, (int)response.StatusCode,
                response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter is not null,
                answer?["outcome"]?.GetValue<string>(), answer?["orderId"]?.GetValue<string>()));
        }
    }

    private static string Range(IEnumerable<TimeSpan> times)
    {
        var all = times.ToArray();
        return all.Length == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{all.Min().TotalSeconds:F2}-{all.Max().TotalSeconds:F2} s");
    }

    private sealed record Sent(
        string Uuid, string Key, string Body, DateTime StartedAt, DateTime EndedAt, TimeSpan Elapsed,
        int Status, string? MediaType, bool RetryAfter, string? Outcome, string? NamedOrderId)
    {
        public override string ToString() =>
            $"{StartedAt:HH:mm:ss.fff}-{EndedAt:HH:mm:ss.fff} {Status} {Outcome} {NamedOrderId} uuid {Uuid}";
    }
}
