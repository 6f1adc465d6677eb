using Loans.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;

namespace Loans.Tests.Regression;

/// <summary>
/// A SqliteException thrown in the silo could not be deserialized by the API (which has no SQLite), so a
/// database fault became an opaque 500 instead of a 503 the client may retry.
/// </summary>
public class StorageFaultIsServiceUnavailableTests
{
    [Fact]
    public async Task A_database_fault_at_run_time_becomes_an_exception_every_client_can_read()
    {
        using var directory = new TemporaryDirectory("storage-fault");
        var path = directory.File("loans.db");
        using var storage = new SqliteGrainStorage("orders", new SqliteGrainStorageOptions { DataSource = path }, TimeProvider.System, NullLogger<SqliteGrainStorage>.Instance);
        storage.Open();
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE orders";
            await drop.ExecuteNonQueryAsync();
        }

        var read = storage.ReadStateAsync("order", GrainId.Create("loanorder", "x"), new Orleans.GrainState<object>());

        var thrown = await Assert.ThrowsAsync<Loans.Grains.Interfaces.StorageUnavailableException>(() => read);
        Assert.Null(thrown.InnerException);
        SqliteConnection.ClearAllPools();
    }
}
