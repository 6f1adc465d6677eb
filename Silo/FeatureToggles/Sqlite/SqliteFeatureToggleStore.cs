using System.Globalization;
using Loans.Grains.Features;
using Loans.Grains.Interfaces.Features;
using Loans.Silo.Hosting;
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
    private static readonly IReadOnlyList<string> KnownToggles = FeatureNames.All;

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
        PrivateDataFile.Prepare(path);
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
        await AddMissingColumns(connection, cancellationToken);
        await using (var trigger = connection.CreateCommand())
        {
            // Replaced at every start, so a file made by an older version gets the trigger that knows every column.
            trigger.CommandText = $"""
                BEGIN IMMEDIATE;
                DROP TRIGGER IF EXISTS {HandEditTriggerName};
                {HandEditRevisionTrigger}
                COMMIT;
                """;
            await trigger.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var name in KnownToggles)
        {
            await using var seed = connection.CreateCommand();
            seed.CommandText = "INSERT OR IGNORE INTO feature_toggles (name, enabled) VALUES ($name, 0)";
            seed.Parameters.AddWithValue("$name", name);
            await seed.ExecuteNonQueryAsync(cancellationToken);
        }

        LogReady(path);
    }

    /// <summary>
    /// Release modes came after the seed's plain on/off column, which stays the switch a person edits by hand:
    /// enabled = 1 means on for everybody whatever the mode says; otherwise mode may hold SHADOW or PERCENTAGE.
    /// </summary>
    private static async Task AddMissingColumns(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var wanted = new (string Table, string Column, string Definition)[]
        {
            ("feature_toggles", "mode", "TEXT NOT NULL DEFAULT 'OFF'"),
            ("feature_toggles", "percentage", "INTEGER NOT NULL DEFAULT 0 CHECK (percentage BETWEEN 0 AND 100)"),
            ("feature_toggles", "revision", "INTEGER NOT NULL DEFAULT 0"),
            ("feature_toggles", "previous_state", "TEXT"),
            // A toggle's time window, as UTC text in FeatureToggleWindow.Format; NULL for an open end.
            ("feature_toggles", "active_from", "TEXT"),
            ("feature_toggles", "active_until", "TEXT"),
            ("feature_toggle_history", "old_state", "TEXT"),
            ("feature_toggle_history", "new_state", "TEXT"),
        };
        foreach (var (table, column, definition) in wanted)
        {
            await using var exists = connection.CreateCommand();
            exists.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
            if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                await using var alter = connection.CreateCommand();
                alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition}";
                await alter.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <summary>A row's state in one word and its window, as <see cref="FeatureToggle.Describe"/> spells it.</summary>
    private static string StateOf(string row) => $"""
        CASE WHEN {row}.enabled = 1 THEN 'ON' WHEN upper({row}.mode) = 'SHADOW' THEN 'SHADOW'
             WHEN upper({row}.mode) = 'PERCENTAGE' THEN 'PERCENTAGE ' || {row}.percentage ELSE 'OFF' END
        || CASE WHEN {row}.enabled = 1 OR upper({row}.mode) IN ('SHADOW', 'PERCENTAGE')
                THEN COALESCE(' from ' || {row}.active_from, '') || COALESCE(' until ' || {row}.active_until, '') ELSE '' END
        """;

    /// <summary>
    /// An edit made by hand (which leaves the revision alone) is a change too: it gets the next revision and its
    /// previous state, so the dashboards see it like any other, and is recorded as made by <see cref="HandEditor"/>
    /// unless the edit names its author. Changes made through <see cref="Save"/> set the revision themselves and are
    /// left alone.
    /// </summary>
    private static readonly string HandEditRevisionTrigger = $"""
        CREATE TRIGGER {HandEditTriggerName}
        AFTER UPDATE OF enabled, mode, percentage, active_from, active_until ON feature_toggles
        WHEN new.revision = old.revision AND ({StateOf("old")}) IS NOT ({StateOf("new")})
        BEGIN
            UPDATE feature_toggles SET revision = old.revision + 1, previous_state = ({StateOf("old")}),
                updated_by = CASE WHEN new.updated_by IS old.updated_by THEN '{HandEditor}' ELSE new.updated_by END,
                updated_at = CASE WHEN new.updated_at IS old.updated_at THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE new.updated_at END
            WHERE name = new.name;
        END;
        """;

    private const string HandEditTriggerName = "feature_toggles_hand_edit_revision";

    /// <summary>Who an edit made straight in the database is recorded as, when it does not say.</summary>
    public const string HandEditor = "database-edit";

    private const string Columns = "name, enabled, mode, percentage, updated_at, updated_by, revision, previous_state, active_from, active_until";

    public async Task<FeatureToggle?> Find(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM feature_toggles WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadToggle(reader) : null;
    }

    public async Task<IReadOnlyList<FeatureToggle>> List(CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM feature_toggles ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var toggles = new List<FeatureToggle>();
        while (await reader.ReadAsync(cancellationToken))
        {
            toggles.Add(ReadToggle(reader));
        }

        return toggles;
    }

    public async Task<IReadOnlyList<FeatureToggleChangeRecord>> History(string? name, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        // Two statements rather than "$name IS NULL OR name = $name", so the one-toggle query keeps using its index.
        var filter = name is null ? "" : "WHERE name = $name";
        command.CommandText = $"""
            SELECT name, old_state, COALESCE(new_state, CASE new_enabled WHEN 1 THEN 'ON' ELSE 'OFF' END), changed_at, changed_by, reason
            FROM feature_toggle_history {filter} ORDER BY id DESC LIMIT $limit
            """;
        if (name is not null)
        {
            command.Parameters.AddWithValue("$name", name);
        }

        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<FeatureToggleChangeRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new FeatureToggleChangeRecord(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return records;
    }

    public async Task<FeatureToggleSetResult> Save(string name, FeatureToggleChange change, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await Open(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);

        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = $"SELECT {Columns} FROM feature_toggles WHERE name = $name";
        read.Parameters.AddWithValue("$name", name);
        FeatureToggle? old;
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            old = await reader.ReadAsync(cancellationToken) ? ReadToggle(reader) : null;
        }

        // Storing a toggle for the first time is a change even in OFF (it is created and listed from then on).
        if (old is not null && old.SameStateAs(change))
        {
            // Not a change: no write, no audit record, no new revision.
            return new FeatureToggleSetResult(old, Changed: false);
        }

        var off = change.Mode == FeatureToggleMode.Off;
        var saved = new FeatureToggle(
            name,
            change.Mode,
            change.Mode == FeatureToggleMode.Percentage ? change.Percentage : change.Enabled ? 100 : 0,
            now,
            change.ChangedBy,
            (old?.Revision ?? 0) + 1,
            old?.Describe(),
            off ? null : FeatureToggleWindow.Normalize(change.ActiveFrom),
            off ? null : FeatureToggleWindow.Normalize(change.ActiveUntil));
        await using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = """
            INSERT INTO feature_toggles (name, enabled, mode, percentage, updated_at, updated_by, revision, previous_state, active_from, active_until)
            VALUES ($name, $enabled, $mode, $percentage, $now, $by, $revision, $old_state, $active_from, $active_until)
            ON CONFLICT (name) DO UPDATE SET enabled = excluded.enabled, mode = excluded.mode, percentage = excluded.percentage,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by, revision = excluded.revision,
                previous_state = excluded.previous_state, active_from = excluded.active_from, active_until = excluded.active_until;
            INSERT INTO feature_toggle_history (name, old_enabled, new_enabled, old_state, new_state, changed_at, changed_by, reason)
            VALUES ($name, $old_enabled, $enabled, $old_state, $new_state, $now, $by, $reason);
            """;
        write.Parameters.AddWithValue("$name", name);
        write.Parameters.AddWithValue("$enabled", saved.Enabled ? 1 : 0);
        write.Parameters.AddWithValue("$mode", saved.Mode.ToString().ToUpperInvariant());
        write.Parameters.AddWithValue("$percentage", saved.Percentage);
        write.Parameters.AddWithValue("$now", now.ToString("O", CultureInfo.InvariantCulture));
        write.Parameters.AddWithValue("$by", change.ChangedBy);
        write.Parameters.AddWithValue("$revision", saved.Revision);
        write.Parameters.AddWithValue("$old_enabled", old is null ? DBNull.Value : old.Enabled ? 1 : 0);
        write.Parameters.AddWithValue("$old_state", (object?)saved.PreviousState ?? DBNull.Value);
        write.Parameters.AddWithValue("$new_state", saved.Describe());
        write.Parameters.AddWithValue("$reason", (object?)change.Reason ?? DBNull.Value);
        write.Parameters.AddWithValue("$active_from", saved.ActiveFrom is { } from ? FeatureToggleWindow.Text(from) : (object)DBNull.Value);
        write.Parameters.AddWithValue("$active_until", saved.ActiveUntil is { } until ? FeatureToggleWindow.Text(until) : (object)DBNull.Value);
        await write.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return new FeatureToggleSetResult(saved, Changed: true);
    }

    private async Task<SqliteConnection> Open(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static FeatureToggle ReadToggle(SqliteDataReader reader)
    {
        var enabled = reader.GetInt64(1) == 1;
        var stored = Enum.TryParse<FeatureToggleMode>(reader.GetString(2), ignoreCase: true, out var parsed) ? parsed : FeatureToggleMode.Off;
        var mode = enabled ? FeatureToggleMode.On
            : stored is FeatureToggleMode.Shadow or FeatureToggleMode.Percentage ? stored
            : FeatureToggleMode.Off;
        return new FeatureToggle(
            reader.GetString(0),
            mode,
            mode == FeatureToggleMode.On ? 100 : mode == FeatureToggleMode.Percentage ? (int)reader.GetInt64(3) : 0,
            reader.IsDBNull(4) ? null : DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.GetInt64(6),
            reader.IsDBNull(7) ? null : reader.GetString(7),
            mode == FeatureToggleMode.Off ? null : ReadBound(reader, 8),
            mode == FeatureToggleMode.Off ? null : ReadBound(reader, 9));
    }

    /// <summary>A window bound as stored, or as a person typed it by hand (any ISO 8601 form; without an offset, UTC).</summary>
    private static DateTimeOffset? ReadBound(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null
        : FeatureToggleWindow.Normalize(DateTimeOffset.Parse(reader.GetString(column), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));

    [LoggerMessage(Level = LogLevel.Information, Message = "Feature toggle store ready at {Path}")]
    private partial void LogReady(string path);
}
