using Loans.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Loans.Tests.Persistence;

/// <summary>
/// The group commit, made deterministic: the writer reads the clock once per transaction, inside it, so a clock
/// that can be held keeps one commit open while the test queues more writes. Each commit gets its own second,
/// so a row's created_at tells which commit stored it.
/// </summary>
public sealed class SqliteGroupCommitWriterTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private readonly TemporaryDirectory directory = new("sqlite-group-commit");
    private readonly HeldClock clock = new(Start);
    private readonly string path;

    public SqliteGroupCommitWriterTests()
    {
        path = directory.File("loans.db");
        using var setup = new SqliteConnection(ConnectionString());
        setup.Open();
        SqliteSchema.Ensure(setup, "orders", new SqliteGrainStorageOptions());
    }

    [Fact]
    public async Task Writes_queued_while_a_commit_is_being_made_are_committed_together_in_the_next_one()
    {
        using var writer = OpenWriter(maxBatchSize: 512);
        var first = await HoldFirstCommit(writer);

        var queued = Enumerable.Range(1, 4).Select(i => writer.Enqueue(Insert($"g{i}"))).ToArray();
        clock.Release();
        await Task.WhenAll(queued.Prepend(first));

        Assert.Equal(
            new string?[] { Second(1), Second(2), Second(2), Second(2), Second(2) },
            await Task.WhenAll(Enumerable.Range(0, 5).Select(i => CreatedAt($"g{i}"))));
        Assert.Equal(new long?[] { 1, 1, 1, 1, 1 }, await Task.WhenAll(queued.Prepend(first)));
    }

    [Fact]
    public async Task A_commit_takes_at_most_max_batch_size_writes()
    {
        using var writer = OpenWriter(maxBatchSize: 2);
        await HoldFirstCommit(writer);

        var queued = Enumerable.Range(1, 5).Select(i => writer.Enqueue(Insert($"g{i}"))).ToArray();
        clock.Release();
        await Task.WhenAll(queued);

        Assert.Equal(
            new string?[] { Second(2), Second(2), Second(3), Second(3), Second(4) },
            await Task.WhenAll(Enumerable.Range(1, 5).Select(i => CreatedAt($"g{i}"))));
    }

    [Fact]
    public async Task A_write_that_fails_its_commit_fails_every_write_of_that_commit_and_no_other()
    {
        using var writer = OpenWriter(maxBatchSize: 2);
        await HoldFirstCommit(writer);

        var broken = writer.Enqueue(new SqliteWrite("no_such_table", SqliteWriteKind.Insert, "x", "order", null, "{}"));
        var sameCommit = writer.Enqueue(Insert("g1"));
        var nextCommit = writer.Enqueue(Insert("g2"));
        clock.Release();

        await Assert.ThrowsAsync<SqliteException>(() => broken);
        await Assert.ThrowsAsync<SqliteException>(() => sameCommit);
        Assert.Equal(1L, await nextCommit);
        Assert.Null(await CreatedAt("g1"));
        Assert.Equal(Second(3), await CreatedAt("g2"));
    }

    [Fact]
    public async Task Stopping_commits_every_write_already_queued_then_refuses_new_ones()
    {
        var writer = OpenWriter(maxBatchSize: 512);
        var first = await HoldFirstCommit(writer);
        var queued = Enumerable.Range(1, 3).Select(i => writer.Enqueue(Insert($"g{i}"))).ToArray();

        var stopping = Task.Run(writer.Dispose);
        clock.Release();
        await stopping;

        Assert.All(queued.Prepend(first), write => Assert.Equal(TaskStatus.RanToCompletion, write.Status));
        Assert.Equal(4L, await SqliteFile.Scalar(path, "SELECT COUNT(*) FROM orders"));
        var refused = await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.Enqueue(Insert("late")));
        Assert.Equal(nameof(SqliteGroupCommitWriter), refused.ObjectName);
        Assert.StartsWith($"The SQLite writer for '{path}' has stopped.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_returns_the_next_etag_and_a_delete_none()
    {
        using var writer = OpenWriter(maxBatchSize: 512);
        clock.Release();

        Assert.Equal(1L, await writer.Enqueue(Insert("g")));
        Assert.Equal(2L, await writer.Enqueue(new SqliteWrite("orders", SqliteWriteKind.Update, "g", "order", 1, """{"v":2}""")));
        Assert.Equal(3L, await writer.Enqueue(new SqliteWrite("orders", SqliteWriteKind.Update, "g", "order", 2, """{"v":3}""")));
        Assert.Equal("""{"v":3}""", await SqliteFile.Scalar(path, "SELECT document FROM orders WHERE grain_id = 'g'"));
        Assert.Null(await writer.Enqueue(new SqliteWrite("orders", SqliteWriteKind.Delete, "g", "order", 3, null)));
        Assert.Equal(0L, await SqliteFile.Scalar(path, "SELECT COUNT(*) FROM orders"));
    }

    public void Dispose()
    {
        clock.Release();
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    private async Task<Task<long?>> HoldFirstCommit(SqliteGroupCommitWriter writer)
    {
        clock.Hold();
        var first = writer.Enqueue(Insert("g0"));
        await clock.WaitUntilACommitReadsIt();
        return first;
    }

    private SqliteGroupCommitWriter OpenWriter(int maxBatchSize)
    {
        var connection = new SqliteConnection(ConnectionString());
        connection.Open();
        return new SqliteGroupCommitWriter(connection, maxBatchSize, clock, NullLogger.Instance);
    }

    private string ConnectionString() => new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

    private static SqliteWrite Insert(string grainId) => new("orders", SqliteWriteKind.Insert, grainId, "order", null, """{"v":1}""");

    private static string Second(int n) => SqliteTimestamp.Format(Start.AddSeconds(n));

    private async Task<string?> CreatedAt(string grainId) =>
        (string?)await SqliteFile.Scalar(path, "SELECT created_at FROM orders WHERE grain_id = $id", ("$id", grainId));

    /// <summary>A clock one second further on each reading, which can be held so that the next reading blocks.</summary>
    private sealed class HeldClock(DateTimeOffset start) : TimeProvider
    {
        private readonly ManualResetEventSlim open = new(initialState: true);
        private readonly SemaphoreSlim readings = new(0);
        private DateTimeOffset now = start;

        public void Hold() => open.Reset();

        public void Release() => open.Set();

        public async Task WaitUntilACommitReadsIt() =>
            Assert.True(await readings.WaitAsync(TimeSpan.FromSeconds(30)), "the writer never started a commit");

        public override DateTimeOffset GetUtcNow()
        {
            readings.Release();
            open.Wait();
            return now = now.AddSeconds(1);
        }
    }
}
