using Loans.Silo.Hosting;
using Microsoft.Data.Sqlite;

namespace Loans.Silo.Storage.AdoNet;

/// <summary>
/// Orleans' ADO.NET storage reads its queries from the database (table <c>OrleansQuery</c>) when it starts, so the
/// tables must exist first. Orleans ships the scripts for the operator to run; a file the silo creates itself gets
/// them here, once, before any storage starts (<see cref="ServiceLifecycleStage.RuntimeInitialize"/>).
/// </summary>
internal sealed partial class AdoNetSqliteSchema(AdoNetSqliteGrainStorageOptions options, ILogger<AdoNetSqliteSchema> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly string[] Scripts = ["Sqlite-Main.sql", "Sqlite-Persistence.sql"];

    /// <summary>The connection string the storage and the schema use, for the file in <see cref="AdoNetSqliteGrainStorageOptions.DataSource"/>.</summary>
    public static string ConnectionString(AdoNetSqliteGrainStorageOptions options) =>
        new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(options.DataSource), Mode = SqliteOpenMode.ReadWriteCreate }.ToString();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(AdoNetSqliteSchema), ServiceLifecycleStage.RuntimeInitialize, Ensure);

    private async Task Ensure(CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(options.DataSource);
        PrivateDataFile.Prepare(path);
        await using var connection = new SqliteConnection(ConnectionString(options));
        await connection.OpenAsync(cancellationToken);
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'OrleansStorage'";
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0)
        {
            return;
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var script in Scripts)
        {
            await using var create = connection.CreateCommand();
            create.Transaction = transaction;
            create.CommandText = Read(script);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        LogCreated(path);
    }

    private static string Read(string script)
    {
        var assembly = typeof(AdoNetSqliteSchema).Assembly;
        using var stream = assembly.GetManifestResourceStream($"{typeof(AdoNetSqliteSchema).Namespace}.{script}")
            ?? throw new InvalidOperationException($"The embedded script {script} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created Orleans' ADO.NET storage tables in {Path}")]
    private partial void LogCreated(string path);
}
