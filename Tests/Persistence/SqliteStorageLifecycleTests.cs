using Loans.Grains.Interfaces;
using Loans.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;

namespace Loans.Tests.Persistence;

/// <summary>
/// The storage opens with the silo's application services and closes when the silo stops, on Orleans' own silo
/// lifecycle; storages that share a file share its one writer, which closes with the last of them.
/// </summary>
public sealed class SqliteStorageLifecycleTests : IDisposable
{
    private const string NotOpen = "SQLite grain storage 'orders' is not open: the silo has not started or has stopped.";

    private readonly TemporaryDirectory directory = new("sqlite-lifecycle");

    public sealed class Document
    {
        public string? Text { get; set; }
    }

    [Fact]
    public async Task Before_the_silo_starts_and_after_it_stops_every_call_is_storage_unavailable_saying_so()
    {
        using var storage = Storage("orders", "orders");
        var lifecycle = new SiloLifecycleSubject(NullLogger<SiloLifecycleSubject>.Instance);
        storage.Participate(lifecycle);
        var grain = GrainId.Create("loanorder", "a");

        var beforeRead = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.ReadStateAsync("order", grain, new GrainState<Document>()));
        var beforeWrite = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.WriteStateAsync("order", grain, State("x")));
        await lifecycle.OnStart();
        await storage.WriteStateAsync("order", grain, State("stored while running"));
        var read = new GrainState<Document>();
        await storage.ReadStateAsync("order", grain, read);
        await lifecycle.OnStop();
        var afterClear = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.ClearStateAsync("order", grain, read));

        Assert.Equal($"SQLite grain storage 'orders' could not read the state of loanorder/a: {NotOpen}", beforeRead.Message);
        Assert.Equal($"SQLite grain storage 'orders' could not write the state of loanorder/a: {NotOpen}", beforeWrite.Message);
        Assert.Equal($"SQLite grain storage 'orders' could not clear the state of loanorder/a: {NotOpen}", afterClear.Message);
        Assert.Equal("stored while running", read.State!.Text);
    }

    [Fact]
    public async Task Storages_sharing_a_file_keep_writing_until_the_last_one_closes_and_then_the_file_is_released()
    {
        var path = directory.File("loans.db");
        var orders = Storage("orders", "orders");
        var keys = Storage("idempotency", "keys");
        orders.Open();
        keys.Open();

        await orders.WriteStateAsync("order", GrainId.Create("loanorder", "1"), State("order"));
        orders.Dispose();
        await keys.WriteStateAsync("key", GrainId.Create("idempotencykey", "1"), State("key"));
        await keys.ReadStateAsync("key", GrainId.Create("idempotencykey", "1"), new GrainState<Document>());
        keys.Dispose();
        SqliteConnection.ClearAllPools();

        // The last connection to a WAL database folds the log into the file and deletes it: nothing holds it open.
        Assert.False(File.Exists(path + "-wal"), "a connection to the database is still open after both storages closed");
        Assert.Equal(1L, await SqliteFile.Scalar(path, "SELECT COUNT(*) FROM keys"));

        using var reopened = Storage("orders", "orders");
        reopened.Open();
        await reopened.WriteStateAsync("order", GrainId.Create("loanorder", "2"), State("after reopening"));
        Assert.Equal(2L, await SqliteFile.Scalar(path, "SELECT COUNT(*) FROM orders"));
    }

    [Fact]
    public async Task The_expiry_of_a_closed_storage_removes_nothing_and_does_not_fail()
    {
        var storage = Storage("idempotency", "keys", expireAfter: TimeSpan.FromHours(1));
        storage.Open();
        storage.Dispose();

        Assert.Equal(0, await storage.RemoveExpired());
    }

    [Fact]
    public void Releasing_a_file_that_has_no_writer_does_nothing() =>
        SqliteWriters.Release(directory.File("never-opened.db"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    private SqliteGrainStorage Storage(string name, string table, TimeSpan? expireAfter = null) =>
        new(name, new SqliteGrainStorageOptions { DataSource = directory.File("loans.db"), TableName = table, ExpireAfter = expireAfter }, TimeProvider.System, NullLogger<SqliteGrainStorage>.Instance);

    private static GrainState<Document> State(string text) => new(new Document { Text = text });
}
