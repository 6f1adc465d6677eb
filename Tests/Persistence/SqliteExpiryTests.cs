using Loans.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Loans.Tests.Persistence;

/// <summary>States that mean nothing once old (used idempotency keys) are deleted after a while; others never.</summary>
public sealed class SqliteExpiryTests : IDisposable
{
    private static readonly TimeSpan ExpireAfter = TimeSpan.FromHours(25);

    private readonly TemporaryDirectory directory = new("sqlite-expiry");
    private readonly TimerTrackingClock clock = new();
    private readonly RecordingLogger<SqliteGrainStorage> logger = new();
    private readonly SqliteGrainStorage storage;

    public SqliteExpiryTests()
    {
        // The timer would run the expiry while a test moves the clock; these tests run it when they choose.
        storage = Open(ExpireAfter, interval: TimeSpan.FromDays(30));
    }

    public sealed class KeyDocument
    {
        public string? Fingerprint { get; set; }
    }

    [Fact]
    public async Task Rows_not_written_for_the_expiry_are_removed_and_younger_ones_stay()
    {
        var old = await Write(NewGrainId());
        clock.Advance(TimeSpan.FromHours(2));
        var rewritten = await Write(NewGrainId());
        clock.Advance(ExpireAfter - TimeSpan.FromHours(1));
        await storage.WriteStateAsync("key", rewritten.Grain, rewritten.State);
        var young = await Write(NewGrainId());
        clock.Advance(TimeSpan.FromHours(2));

        var removed = await storage.RemoveExpired();

        Assert.Equal(1, removed);
        var report = Assert.Single(logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("removed", StringComparison.Ordinal));
        Assert.StartsWith("SQLite grain storage idempotency removed 1 rows of keys not written since ", report.Message, StringComparison.Ordinal);
        Assert.False(await Exists(old.Grain));
        Assert.True(await Exists(rewritten.Grain), "a row written again within the expiry was removed");
        Assert.True(await Exists(young.Grain));
    }

    [Fact]
    public async Task Expiry_removes_any_number_of_rows_in_batches()
    {
        var grains = Enumerable.Range(0, SqliteWrite.ExpiryBatchSize * 2 + 7).Select(_ => NewGrainId()).ToArray();
        await Task.WhenAll(grains.Select(Write));
        clock.Advance(ExpireAfter + TimeSpan.FromSeconds(1));

        var removed = await storage.RemoveExpired();

        Assert.Equal(grains.Length, removed);
        Assert.Equal(0L, await Scalar("SELECT COUNT(*) FROM keys"));
    }

    [Fact]
    public async Task A_key_removed_under_its_reader_can_be_claimed_again_after_a_fresh_read()
    {
        var key = await Write(NewGrainId());
        clock.Advance(ExpireAfter + TimeSpan.FromSeconds(1));
        await storage.RemoveExpired();

        // The ETag the reader holds names a row that is gone: writing with it is a conflict, not a silent insert.
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("key", key.Grain, key.State));
        var fresh = new GrainState<KeyDocument>();
        await storage.ReadStateAsync("key", key.Grain, fresh);
        fresh.State = new KeyDocument { Fingerprint = "second" };
        await storage.WriteStateAsync("key", key.Grain, fresh);

        Assert.Equal("1", fresh.ETag);
    }

    [Fact]
    public async Task Without_an_expiry_nothing_is_ever_removed()
    {
        storage.Dispose();
        using var keeping = Open(expireAfter: null);
        var grain = NewGrainId();
        await keeping.WriteStateAsync("key", grain, new GrainState<KeyDocument>(new KeyDocument { Fingerprint = "kept" }));
        clock.Advance(TimeSpan.FromDays(3650));

        Assert.Equal(0, await keeping.RemoveExpired());
        Assert.True(await Exists(grain));
    }

    [Fact]
    public async Task Expiry_runs_by_itself_every_interval()
    {
        storage.Dispose();
        using var hourly = Open(ExpireAfter);
        var grain = NewGrainId();
        await hourly.WriteStateAsync("key", grain, new GrainState<KeyDocument>(new KeyDocument { Fingerprint = "first" }));

        clock.Advance(ExpireAfter + TimeSpan.FromHours(1));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await Exists(grain) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.False(await Exists(grain), "the hourly expiry did not run");
    }

    [Fact]
    public async Task A_round_that_finds_nothing_expired_removes_nothing_and_logs_nothing()
    {
        await Write(NewGrainId());
        clock.Advance(ExpireAfter - TimeSpan.FromSeconds(1));

        Assert.Equal(0, await storage.RemoveExpired());

        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains("removed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_round_that_fails_is_logged_as_a_warning_and_does_not_throw()
    {
        await Write(NewGrainId());
        clock.Advance(ExpireAfter + TimeSpan.FromSeconds(1));
        await SqliteFile.Scalar(directory.File("loans.db"), "DROP TABLE keys");

        Assert.Equal(0, await storage.RemoveExpired());

        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal("SQLite grain storage idempotency could not remove expired rows of keys; it tries again at the next interval", warning.Message);
        Assert.IsType<SqliteException>(warning.Exception);
    }

    [Fact]
    public async Task Rows_record_when_they_were_created_and_last_written_as_utc_text_of_one_width()
    {
        var key = await Write(NewGrainId());
        clock.Advance(TimeSpan.FromHours(2.5));
        await storage.WriteStateAsync("key", key.Grain, key.State);

        Assert.Equal("2026-11-29T12:00:00.0000000+00:00", await Scalar($"SELECT created_at FROM keys WHERE grain_id = '{key.Grain}'"));
        Assert.Equal("2026-11-29T14:30:00.0000000+00:00", await Scalar($"SELECT updated_at FROM keys WHERE grain_id = '{key.Grain}'"));
        Assert.Equal("2026-11-29T12:00:00.0000000+00:00", SqliteTimestamp.Format(new DateTimeOffset(2026, 11, 29, 14, 0, 0, TimeSpan.FromHours(2))));
    }

    [Fact]
    public async Task Expired_rows_are_looked_up_through_an_index_on_when_they_were_last_written() =>
        Assert.Equal("updated_at", await Scalar("SELECT name FROM pragma_index_info('ix_keys_updated_at')"));

    [Fact]
    public void Closing_the_storage_stops_its_expiry_timer()
    {
        storage.Dispose();
        var timers = clock.Created.Count;
        using var hourly = Open(ExpireAfter);
        var timer = Assert.Single(clock.Created.Skip(timers));

        hourly.Dispose();

        Assert.True(timer.Disposed);
    }

    public void Dispose()
    {
        storage.Dispose();
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    private SqliteGrainStorage Open(TimeSpan? expireAfter, TimeSpan? interval = null)
    {
        var options = new SqliteGrainStorageOptions { DataSource = directory.File("loans.db"), TableName = "keys", ExpireAfter = expireAfter };
        if (interval is { } every)
        {
            options.ExpiryInterval = every;
        }

        var opened = new SqliteGrainStorage("idempotency", options, clock, logger);
        opened.Open();
        return opened;
    }

    private async Task<(GrainId Grain, GrainState<KeyDocument> State)> Write(GrainId grain)
    {
        var state = new GrainState<KeyDocument>(new KeyDocument { Fingerprint = "first" });
        await storage.WriteStateAsync("key", grain, state);
        return (grain, state);
    }

    private async Task<bool> Exists(GrainId grain) =>
        await Scalar($"SELECT COUNT(*) FROM keys WHERE grain_id = '{grain}'") is 1L;

    private static GrainId NewGrainId() => GrainId.Create("idempotencykey", Guid.NewGuid().ToString("N"));

    private Task<object?> Scalar(string sql) => SqliteFile.Scalar(directory.File("loans.db"), sql);

    /// <summary>The test's clock (29 November 2026, noon UTC, moved by hand) that also keeps the timers it made.</summary>
    private sealed class TimerTrackingClock() : FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero))
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<TrackedTimer> created = new();

        public IReadOnlyCollection<TrackedTimer> Created => created;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new TrackedTimer(base.CreateTimer(callback, state, dueTime, period));
            created.Enqueue(timer);
            return timer;
        }
    }

    private sealed class TrackedTimer(ITimer timer) : ITimer
    {
        public bool Disposed { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(dueTime, period);

        public void Dispose()
        {
            Disposed = true;
            timer.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
