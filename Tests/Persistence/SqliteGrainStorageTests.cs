using Loans.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
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
