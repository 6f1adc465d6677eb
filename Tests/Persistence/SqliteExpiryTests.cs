using Loans.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
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
    private readonly FakeTimeProvider clock = FixedClock.At(2026, 11, 29);
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

        var opened = new SqliteGrainStorage("idempotency", options, clock, NullLogger<SqliteGrainStorage>.Instance);
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
}
