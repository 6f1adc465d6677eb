using System.Diagnostics.Metrics;
using Loans.Grains.Telemetry;

namespace Loans.Silo.Storage;

/// <summary>
/// Failed grain-state writes, counted by the storage adapters where they turn a database fault into a
/// <see cref="Loans.Grains.Interfaces.StorageUnavailableException"/>. Prometheus:
/// <c>loans_storage_write_failures_total{provider,storage,operation}</c>. Concurrency conflicts (an ETag that
/// moved) are the protocol working, not a fault, and are not counted.
/// </summary>
internal static class GrainStorageTelemetry
{
    public const string Sqlite = "sqlite";
    public const string MongoDb = "mongodb";

    private static readonly Counter<long> WriteFailures = LoansTelemetry.Meter.CreateCounter<long>(
        "loans.storage.write_failures",
        unit: "{write}",
        description: "Grain state writes and clears the storage could not complete, by provider, storage name and operation.");

    /// <summary>Counts a failed write or clear; reads are not writes and are left out.</summary>
    /// <param name="provider"><see cref="Sqlite"/> or <see cref="MongoDb"/>.</param>
    /// <param name="storage">The configured storage name (a handful per silo), never a grain id.</param>
    /// <param name="operation">"write" or "clear".</param>
    public static void RecordFailure(string provider, string storage, string operation)
    {
        if (operation is not ("write" or "clear"))
        {
            return;
        }

        WriteFailures.Add(1,
            new KeyValuePair<string, object?>("provider", provider),
            new KeyValuePair<string, object?>("storage", storage),
            new KeyValuePair<string, object?>("operation", operation));
    }
}
