using Loans.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Loans.Tests.Persistence;

/// <summary>What the SQLite storage adds to the grain-storage contract: group commit, readable rows, durability.</summary>
public sealed class SqliteGrainStorageTests : IDisposable
{
    private readonly TemporaryDirectory directory = new("sqlite-storage");
    private readonly SqliteGrainStorage storage;

    public SqliteGrainStorageTests()
    {
        storage = Open();
    }

    public sealed class OrderDocument
    {
        public OrderSummary? Order { get; set; }
    }

    public sealed record OrderSummary(Guid Id, LoanOrderStatus Status, decimal Amount, DateTimeOffset OrderDate);

    [Fact]
    public async Task A_stale_etag_is_rejected_and_the_stored_state_is_kept()
    {
        var grain = NewGrainId();
        var first = State(LoanOrderStatus.Verified);
        await storage.WriteStateAsync("order", grain, first);
        var stale = State(LoanOrderStatus.Rejected);
        stale.ETag = first.ETag;
        await storage.WriteStateAsync("order", grain, first);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("order", grain, stale));

        Assert.Equal("2", conflict.StoredEtag);
        var read = new GrainState<OrderDocument>();
        await storage.ReadStateAsync("order", grain, read);
        Assert.Equal(LoanOrderStatus.Verified, read.State!.Order!.Status);
    }

    [Fact]
    public async Task A_second_first_write_of_the_same_grain_is_rejected()
    {
        var grain = NewGrainId();
        await storage.WriteStateAsync("order", grain, State(LoanOrderStatus.Verified));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("order", grain, State(LoanOrderStatus.Rejected)));
    }

    [Fact]
    public async Task Concurrent_writes_are_committed_together_and_all_acknowledged_writes_are_stored()
    {
        var grains = Enumerable.Range(0, 500).Select(_ => NewGrainId()).ToArray();

        await Task.WhenAll(grains.Select(g => storage.WriteStateAsync("order", g, State(LoanOrderStatus.Verified))));

        Assert.Equal(500L, await Scalar("SELECT COUNT(*) FROM orders"));
        foreach (var grain in grains.Take(20))
        {
            var read = new GrainState<OrderDocument>();
            await storage.ReadStateAsync("order", grain, read);
            Assert.True(read.RecordExists);
            Assert.Equal("1", read.ETag);
        }
    }

    [Fact]
    public async Task Rows_are_readable_with_order_columns_and_a_json_document()
    {
        var grain = NewGrainId();
        var state = State(LoanOrderStatus.Rejected, amount: 1234.5m);
        await storage.WriteStateAsync("order", grain, state);

        Assert.Equal("REJECTED", await Scalar($"SELECT status FROM orders WHERE grain_id = '{grain}'"));
        Assert.Equal(1234.5, await Scalar($"SELECT amount FROM orders WHERE grain_id = '{grain}'"));
        Assert.Equal(state.State!.Order!.Id.ToString(), await Scalar($"SELECT order_id FROM orders WHERE grain_id = '{grain}'"));
        Assert.Equal(1L, await Scalar($"SELECT json_valid(document) FROM orders WHERE grain_id = '{grain}'"));
        Assert.Equal(2L, await Scalar("SELECT COUNT(*) FROM pragma_index_list('orders') WHERE name LIKE 'ix_orders_%'"));
    }

    [Fact]
    public async Task Acknowledged_writes_survive_closing_and_reopening_the_database()
    {
        var grain = NewGrainId();
        await storage.WriteStateAsync("order", grain, State(LoanOrderStatus.Verified, amount: 777m));
        storage.Dispose();

        using var reopened = Open();
        var read = new GrainState<OrderDocument>();
        await reopened.ReadStateAsync("order", grain, read);

        Assert.Equal(777m, read.State!.Order!.Amount);
        Assert.Equal("wal", await Scalar("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Clearing_removes_the_row_and_a_new_first_write_may_follow()
    {
        var grain = NewGrainId();
        var state = State(LoanOrderStatus.Verified);
        await storage.WriteStateAsync("order", grain, state);

        await storage.ClearStateAsync("order", grain, state);
        await storage.WriteStateAsync("order", grain, State(LoanOrderStatus.Rejected));

        Assert.Equal("REJECTED", await Scalar($"SELECT status FROM orders WHERE grain_id = '{grain}'"));
    }

    [Fact]
    public async Task A_database_fault_surfaces_as_storage_unavailable()
    {
        using var broken = new SqliteGrainStorage("orders", new SqliteGrainStorageOptions { DataSource = directory.File("never-opened.db") }, TimeProvider.System, NullLogger<SqliteGrainStorage>.Instance);

        await Assert.ThrowsAsync<Loans.Grains.Interfaces.StorageUnavailableException>(() => broken.WriteStateAsync("order", NewGrainId(), State(LoanOrderStatus.New)));
    }

    [Fact]
    public async Task A_call_whose_caller_has_already_given_up_is_cancelled_without_touching_the_state_or_the_database()
    {
        var grain = NewGrainId();
        await storage.WriteStateAsync("order", grain, State(LoanOrderStatus.Verified));
        var cancelled = new CancellationToken(canceled: true);

        var read = new GrainState<OrderDocument>();
        await Assert.ThrowsAsync<TaskCanceledException>(() => storage.ReadStateAsync("order", grain, read, cancelled));
        var write = State(LoanOrderStatus.Rejected);
        await Assert.ThrowsAsync<TaskCanceledException>(() => storage.WriteStateAsync("order", NewGrainId(), write, cancelled));

        Assert.Null(read.State);
        Assert.Null(read.ETag);
        Assert.Null(write.ETag);
        Assert.Equal(1L, await Scalar("SELECT COUNT(*) FROM orders"));

        // Given up before the storage was even asked: cancelled, not "storage unavailable", though it is closed.
        using var closed = new SqliteGrainStorage("orders", new SqliteGrainStorageOptions { DataSource = directory.File("never-opened.db") }, TimeProvider.System, NullLogger<SqliteGrainStorage>.Instance);
        await Assert.ThrowsAsync<TaskCanceledException>(() => closed.ReadStateAsync("order", grain, new GrainState<OrderDocument>(), cancelled));
        await Assert.ThrowsAsync<TaskCanceledException>(() => closed.WriteStateAsync("order", grain, State(LoanOrderStatus.New), cancelled));
    }

    [Fact]
    public async Task A_failed_call_is_logged_and_only_a_failed_write_or_clear_says_that_nothing_was_written()
    {
        var logger = new RecordingLogger<SqliteGrainStorage>();
        using var closed = new SqliteGrainStorage("orders", new SqliteGrainStorageOptions { DataSource = directory.File("never-opened.db") }, TimeProvider.System, logger);
        var grain = GrainId.Create("loanorder", "a");

        var read = await Assert.ThrowsAsync<Loans.Grains.Interfaces.StorageUnavailableException>(() => closed.ReadStateAsync("order", grain, new GrainState<OrderDocument>()));
        var write = await Assert.ThrowsAsync<Loans.Grains.Interfaces.StorageUnavailableException>(() => closed.WriteStateAsync("order", grain, State(LoanOrderStatus.New)));
        var clear = await Assert.ThrowsAsync<Loans.Grains.Interfaces.StorageUnavailableException>(() => closed.ClearStateAsync("order", grain, State(LoanOrderStatus.New)));

        Assert.Equal([false, true, true], new[] { read.NothingWritten, write.NothingWritten, clear.NothingWritten });
        Assert.Equal(
            [
                (LogLevel.Error, "Could not read the state of loanorder/a in SQLite grain storage orders"),
                (LogLevel.Error, "Could not write the state of loanorder/a in SQLite grain storage orders"),
                (LogLevel.Error, "Could not clear the state of loanorder/a in SQLite grain storage orders"),
            ],
            logger.Entries.Select(e => (e.Level, e.Message)));
        Assert.All(logger.Entries, e => Assert.IsType<InvalidOperationException>(e.Exception));
    }

    [Fact]
    public void Opening_creates_a_missing_data_directory_owner_only_and_logs_what_it_opened()
    {
        var path = Path.Combine(directory.Path, "data", "silo", "loans.db");
        var logger = new RecordingLogger<SqliteGrainStorage>();
        using var opened = new SqliteGrainStorage("idempotency", new SqliteGrainStorageOptions { DataSource = path, TableName = "keys" }, TimeProvider.System, logger);

        opened.Open();

        Loans.Tests.Security.OwnerOnly.AssertMode(Loans.Tests.Security.OwnerOnly.Directory, Path.GetDirectoryName(path)!);
        Loans.Tests.Security.OwnerOnly.AssertMode(Loans.Tests.Security.OwnerOnly.File, path);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal((LogLevel.Information, $"SQLite grain storage idempotency opened {path}, table keys, synchronous=Full"), (entry.Level, entry.Message));
    }

    [Fact]
    public async Task A_readable_column_may_name_a_json_key_with_a_quote_in_it()
    {
        var path = directory.File("quotes.db");
        using (var setup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            setup.Open();
            SqliteSchema.Ensure(setup, "owners", new SqliteGrainStorageOptions { ReadableColumns = new() { ["owner"] = "$.\"o'brien\"" } });
        }

        await SqliteFile.Scalar(path, """INSERT INTO owners VALUES ('g', 's', 1, '{"o''brien": "Seamus", "obrien": "someone else"}', 'now', 'now')""");

        Assert.Equal("Seamus", await SqliteFile.Scalar(path, "SELECT owner FROM owners"));
    }

    public void Dispose()
    {
        storage.Dispose();
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    private SqliteGrainStorage Open()
    {
        var options = new SqliteGrainStorageOptions
        {
            DataSource = directory.File("loans.db"),
            ReadableColumns = new() { ["order_id"] = "$.order.id", ["status"] = "$.order.status", ["amount"] = "$.order.amount", ["order_date"] = "$.order.order_date" },
            IndexedColumns = ["status", "order_date"],
        };
        var opened = new SqliteGrainStorage("orders", options, TimeProvider.System, NullLogger<SqliteGrainStorage>.Instance);
        opened.Open();
        return opened;
    }

    private static GrainId NewGrainId() => GrainId.Create("loanorder", Guid.NewGuid().ToString("N"));

    private static GrainState<OrderDocument> State(LoanOrderStatus status, decimal amount = 2000m) =>
        new(new OrderDocument { Order = new OrderSummary(Guid.NewGuid(), status, amount, DateTimeOffset.UtcNow) });

    private Task<object?> Scalar(string sql) => SqliteFile.Scalar(directory.File("loans.db"), sql);
}
