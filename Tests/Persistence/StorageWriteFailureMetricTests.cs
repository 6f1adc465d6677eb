using System.Diagnostics.Metrics;
using Loans.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;

namespace Loans.Tests.Persistence;

/// <summary>A failed grain-state write is counted as loans_storage_write_failures_total, which StorageWriteFailures alerts on.</summary>
public class StorageWriteFailureMetricTests
{
    [Fact]
    public async Task A_write_the_database_refuses_is_counted_once_with_its_provider_storage_and_operation()
    {
        // A storage name of this test's own: the meter is process-wide and other tests write in parallel.
        var storageName = $"orders-{Guid.NewGuid():N}";
        var counted = new List<(long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "loans.storage.write_failures")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var map = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            if (Equals(map.GetValueOrDefault("storage"), storageName))
            {
                lock (counted)
                {
                    counted.Add((value, map));
                }
            }
        });
        listener.Start();

        using var directory = new TemporaryDirectory("storage-write-failure");
        var path = directory.File("loans.db");
        using var storage = new SqliteGrainStorage(storageName, new SqliteGrainStorageOptions { DataSource = path, TableName = "orders" }, TimeProvider.System, NullLogger<SqliteGrainStorage>.Instance);
        storage.Open();
        await DropTable(path);

        await Assert.ThrowsAsync<Loans.Grains.Interfaces.StorageUnavailableException>(() =>
            storage.WriteStateAsync("order", GrainId.Create("loanorder", "x"), new Orleans.GrainState<object>(new object())));
        await Assert.ThrowsAsync<Loans.Grains.Interfaces.StorageUnavailableException>(() =>
            storage.ReadStateAsync("order", GrainId.Create("loanorder", "y"), new Orleans.GrainState<object>()));

        var (value, tags) = Assert.Single(counted);
        Assert.Equal(1, value);
        Assert.Equal("sqlite", tags["provider"]);
        Assert.Equal("write", tags["operation"]);
        SqliteConnection.ClearAllPools();
    }

    private static async Task DropTable(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var drop = connection.CreateCommand();
        drop.CommandText = "DROP TABLE orders";
        await drop.ExecuteNonQueryAsync();
    }
}
