using System.Diagnostics;
using Loans.Grains.Interfaces;
using Loans.Grains.Orders;
using Loans.Silo.Storage.Sqlite;
using Loans.Tests.Persistence.Conformance;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;

namespace Loans.Tests.Persistence;

/// <summary>
/// A write's caller has a deadline. While another process holds the database's write lock, the write waits; if the
/// deadline passes first, the write is dropped at once and never applied, even after the lock is released.
/// </summary>
public sealed class SqliteWriteDeadlineTests : IDisposable
{
    private readonly TemporaryDirectory directory = new("sqlite-deadline");
    private readonly string path;

    public SqliteWriteDeadlineTests() => path = directory.File("loans.db");

    [Fact]
    public async Task A_write_waiting_for_a_lock_is_dropped_unwritten_when_its_deadline_passes()
    {
        using var storage = Open(busyTimeout: TimeSpan.FromSeconds(10));
        var dropped = NewGrainId();
        await using var holder = await HoldWriteLock();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        var write = storage.WriteStateAsync("order", dropped, new GrainState<LoanOrderState>(SampleStates.Order()), deadline.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(3));

        await Release(holder);
        var later = NewGrainId();
        await storage.WriteStateAsync("order", later, new GrainState<LoanOrderState>(SampleStates.Order()));
        Assert.Equal(0L, await Rows(dropped));
        Assert.Equal(1L, await Rows(later));
    }

    [Fact]
    public async Task A_write_whose_lock_is_released_before_its_deadline_is_stored()
    {
        using var storage = Open(busyTimeout: TimeSpan.FromSeconds(10));
        var grain = NewGrainId();
        var holder = await HoldWriteLock();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var write = storage.WriteStateAsync("order", grain, new GrainState<LoanOrderState>(SampleStates.Order()), deadline.Token);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(write.IsCompleted);
        await Release(holder);
        await holder.DisposeAsync();

        await write.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1L, await Rows(grain));
    }

    [Fact]
    public async Task A_write_that_gave_up_on_the_lock_says_nothing_was_written()
    {
        using var storage = Open(busyTimeout: TimeSpan.FromSeconds(1));
        var grain = NewGrainId();
        await using var holder = await HoldWriteLock();

        var failed = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            storage.WriteStateAsync("order", grain, new GrainState<LoanOrderState>(SampleStates.Order())).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.True(failed.NothingWritten);
        await Release(holder);
        Assert.Equal(0L, await Rows(grain));
    }

    [Fact]
    public async Task A_write_asked_for_after_its_deadline_is_not_even_queued()
    {
        using var storage = Open(busyTimeout: TimeSpan.FromSeconds(1));
        var grain = NewGrainId();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            storage.WriteStateAsync("order", grain, new GrainState<LoanOrderState>(SampleStates.Order()), new CancellationToken(canceled: true)));

        Assert.Equal(0L, await Rows(grain));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    private SqliteGrainStorage Open(TimeSpan busyTimeout)
    {
        var storage = new SqliteGrainStorage("orders", new SqliteGrainStorageOptions { DataSource = path, BusyTimeout = busyTimeout },
            TimeProvider.System, NullLogger<SqliteGrainStorage>.Instance);
        storage.Open();
        return storage;
    }

    /// <summary>Another process's transaction holding SQLite's only write lock.</summary>
    private async Task<SqliteConnection> HoldWriteLock()
    {
        var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await holder.OpenAsync();
        await using var begin = holder.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE";
        await begin.ExecuteNonQueryAsync();
        return holder;
    }

    private static async Task Release(SqliteConnection holder)
    {
        await using var rollback = holder.CreateCommand();
        rollback.CommandText = "ROLLBACK";
        await rollback.ExecuteNonQueryAsync();
    }

    private async Task<long> Rows(GrainId grain) =>
        (long)(await SqliteFile.Scalar(path, "SELECT COUNT(*) FROM orders WHERE grain_id = $id", ("$id", grain.ToString())))!;

    private static GrainId NewGrainId() => GrainId.Create("loanorder", Guid.NewGuid().ToString("N"));
}
