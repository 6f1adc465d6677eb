using System.Globalization;
using Loans.Grains.Features;
using Loans.Grains.Interfaces.Features;
using Microsoft.Data.Sqlite;

namespace Loans.Silo.FeatureToggles.Sqlite;

/// <summary>
/// Toggles in a SQLite file, as in the seed. Every change is written with its audit row in one transaction.
/// The file may also be edited by hand; the toggle grains pick such edits up on their next refresh.
/// </summary>
internal sealed partial class SqliteFeatureToggleStore(
    IOptions<SqliteFeatureToggleStoreOptions> options,
    TimeProvider clock,
    ILogger<SqliteFeatureToggleStore> logger) : IFeatureToggleStore, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Toggles the code reads, created switched off so that they are listed from the first start.</summary>
    private static readonly string[] KnownToggles = [FeatureNames.NewVerification];

    private readonly string connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(options.Value.DataSource),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
    }.ToString();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SqliteFeatureToggleStore), ServiceLifecycleStage.ApplicationServices, EnsureSchema);

    public async Task EnsureSchema(CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(options.Value.DataSource);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS feature_toggles (
                name       TEXT    NOT NULL PRIMARY KEY,
                enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1)),
                updated_at TEXT,
                updated_by TEXT
            );
            CREATE TABLE IF NOT EXISTS feature_toggle_history (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                name        TEXT    NOT NULL,
                old_enabled INTEGER,
                new_enabled INTEGER NOT NULL,
                changed_at  TEXT    NOT NULL,
                changed_by  TEXT    NOT NULL,
                reason      TEXT
            );
            CREATE INDEX IF NOT EXISTS ix_feature_toggle_history_name ON feature_toggle_history (name, id);
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
        foreach (var name in KnownToggles)
        {
            await using var seed = connection.CreateCommand();
            seed.CommandText = "INSERT OR IGNORE INTO feature_toggles (name, enabled) VALUES ($name, 0)";
            seed.Parameters.AddWithValue("$name", name);
            await seed.ExecuteNonQueryAsync(cancellationToken);
        }

        LogReady(path);
    }

    public async Task<FeatureToggle?> Find(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, enabled, updated_at, updated_by FROM feature_toggles WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadToggle(reader) : null;
    }

    public async Task<IReadOnlyList<FeatureToggle>> List(CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, enabled, updated_at, updated_by FROM feature_toggles ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var toggles = new List<FeatureToggle>();
        while (await reader.ReadAsync(cancellationToken))
        {
            toggles.Add(ReadToggle(reader));
        }

        return toggles;
    }

    public async Task<FeatureToggle> Save(string name, FeatureToggleChange change, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await Open(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);

        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT enabled FROM feature_toggles WHERE name = $name";
        read.Parameters.AddWithValue("$name", name);
        var old = await read.ExecuteScalarAsync(cancellationToken);

        await using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = """
            INSERT INTO feature_toggles (name, enabled, updated_at, updated_by) VALUES ($name, $enabled, $now, $by)
            ON CONFLICT (name) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at, updated_by = excluded.updated_by;
            INSERT INTO feature_toggle_history (name, old_enabled, new_enabled, changed_at, changed_by, reason)
            VALUES ($name, $old, $enabled, $now, $by, $reason);
            """;
        write.Parameters.AddWithValue("$name", name);
        write.Parameters.AddWithValue("$enabled", change.Enabled ? 1 : 0);
        write.Parameters.AddWithValue("$now", now.ToString("O", CultureInfo.InvariantCulture));
        write.Parameters.AddWithValue("$by", change.ChangedBy);
        write.Parameters.AddWithValue("$old", old ?? DBNull.Value);
        write.Parameters.AddWithValue("$reason", (object?)change.Reason ?? DBNull.Value);
        await write.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return new FeatureToggle(name, change.Enabled, now, change.ChangedBy);
    }

    private async Task<SqliteConnection> Open(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static FeatureToggle ReadToggle(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt64(1) == 1,
        reader.IsDBNull(2) ? null : DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
        reader.IsDBNull(3) ? null : reader.GetString(3));

    [LoggerMessage(Level = LogLevel.Information, Message = "Feature toggle store ready at {Path}")]
    private partial void LogReady(string path);
}
