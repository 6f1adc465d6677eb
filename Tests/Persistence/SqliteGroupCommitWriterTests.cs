using Loans.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using SQLitePCL;

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
    private readonly RecordingLogger<SqliteGroupCommitWriter> logger = new();
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
        var failure = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.Equal($"SQLite {path}: a group commit of 2 writes failed; none of them was stored", failure.Message);
        Assert.IsType<SqliteException>(failure.Exception);
    }

    [Fact]
    public async Task A_commit_starts_its_writes_only_once_it_holds_the_write_lock()
    {
        using var writer = OpenWriter(maxBatchSize: 512);
        clock.Release();
        await using var other = new SqliteConnection(ConnectionString());
        await other.OpenAsync();
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();
        }

        var write = writer.Enqueue(Insert("g"));

        // The commit reads the clock just before it starts its writes: not while another connection holds the lock.
        Assert.False(await clock.ReadWithin(TimeSpan.FromSeconds(2)), "the commit started its writes before it held the write lock");
        await using (var rollback = other.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        Assert.Equal(1L, await write.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task The_writer_commits_on_a_background_thread_that_cannot_keep_the_process_alive()
    {
        using var writer = OpenWriter(maxBatchSize: 512);
        clock.Release();

        await writer.Enqueue(Insert("g"));

        Assert.Equal([true], clock.ReadOnBackgroundThread.Distinct());
    }

    [Fact]
    public async Task Each_table_is_prepared_once_and_its_statements_serve_every_later_commit()
    {
        var connection = OpenConnection();
        connection.Handle!.enable_sqlite3_next_stmt(true);
        using var writer = new SqliteGroupCommitWriter(connection, 512, clock, logger);
        clock.Release();
        await writer.Enqueue(Insert("g0"));
        var prepared = PreparedStatements(connection);

        for (var i = 1; i <= 5; i++)
        {
            await writer.Enqueue(Insert($"g{i}"));
        }

        Assert.Equal(6L, await SqliteFile.Scalar(path, "SELECT COUNT(*) FROM orders"));
        Assert.Equal(prepared, PreparedStatements(connection));
    }

    [Fact]
    public async Task The_writer_keeps_no_write_it_has_answered()
    {
        using var writer = OpenWriter(maxBatchSize: 512);
        clock.Release();

        var answered = await WriteAndForget(writer, "g1");
        await writer.Enqueue(Insert("g2"));
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.False(answered.IsAlive, "the writer still holds a write it answered in an earlier commit");
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

    private SqliteGroupCommitWriter OpenWriter(int maxBatchSize) => new(OpenConnection(), maxBatchSize, clock, logger);

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(ConnectionString());
        connection.Open();
        return connection;
    }

    /// <summary>The statements SQLite holds prepared on the connection (read while the writer waits for work).</summary>
    private static int PreparedStatements(SqliteConnection connection)
    {
        var count = 0;
        for (var statement = raw.sqlite3_next_stmt(connection.Handle, null); statement is not null && !statement.IsInvalid; statement = raw.sqlite3_next_stmt(connection.Handle, statement))
        {
            count++;
        }

        return count;
    }

    /// <summary>Writes and awaits one state, keeping only a weak reference to the write (not inlined, so no local outlives it).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> WriteAndForget(SqliteGroupCommitWriter writer, string grainId)
    {
        var write = Insert(grainId);
        var reference = new WeakReference(write);
        await writer.Enqueue(write);
        return reference;
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
        private readonly System.Collections.Concurrent.ConcurrentQueue<bool> background = new();
        private DateTimeOffset now = start;

        /// <summary>For each reading, whether the thread that read the clock was a background thread.</summary>
        public IEnumerable<bool> ReadOnBackgroundThread => background;

        public void Hold() => open.Reset();

        public void Release() => open.Set();

        public Task<bool> ReadWithin(TimeSpan time) => readings.WaitAsync(time);

        public async Task WaitUntilACommitReadsIt() =>
            Assert.True(await readings.WaitAsync(TimeSpan.FromSeconds(30)), "the writer never started a commit");

        public override DateTimeOffset GetUtcNow()
        {
            background.Enqueue(Thread.CurrentThread.IsBackground);
            readings.Release();
            open.Wait();
            return now = now.AddSeconds(1);
        }
    }
}
