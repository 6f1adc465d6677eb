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

    /// <summary>Who an edit made straight in the database is recorded as, when it does not say.</summary>
    public const string HandEditor = SqliteFeatureToggleSchema.HandEditor;

    private const string Columns =
        "name, enabled, mode, percentage, updated_at, updated_by, revision, previous_state, description, owner, created_at, archived, last_evaluated_at, "
        + "active_from, active_until";

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
        await using (var tables = connection.CreateCommand())
        {
            tables.CommandText = SqliteFeatureToggleSchema.Tables;
            await tables.ExecuteNonQueryAsync(cancellationToken);
        }

        // One writer at a time: two silos starting on one file must not both add a column or both replace the trigger.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await SqliteFeatureToggleSchema.AddMissingColumns(connection, transaction, cancellationToken);
        var now = Timestamp(clock.GetUtcNow());
        foreach (var name in KnownToggles)
        {
            await using var seed = connection.CreateCommand();
            seed.Transaction = transaction;
            seed.CommandText = "INSERT OR IGNORE INTO feature_toggles (name, enabled, created_at) VALUES ($name, 0, $now)";
            seed.Parameters.AddWithValue("$name", name);
            seed.Parameters.AddWithValue("$now", now);
            await seed.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var upgrade = connection.CreateCommand())
        {
            upgrade.Transaction = transaction;
            upgrade.CommandText = SqliteFeatureToggleSchema.BackfillCreatedAt + SqliteFeatureToggleSchema.HandEditRevisionTrigger;
            upgrade.Parameters.AddWithValue("$now", now);
            await upgrade.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        LogReady(path);
    }

    public async Task<FeatureToggle?> Find(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        return await Read(connection, null, name, cancellationToken);
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

    public async Task<IReadOnlyList<FeatureToggleChangeRecord>> History(string? name, int limit, int skip = 0, CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        // Two statements rather than "$name IS NULL OR name = $name", so the one-toggle query keeps using its index.
        var filter = name is null ? "" : "WHERE name = $name";
        command.CommandText = $"""
            SELECT name, old_state, COALESCE(new_state, CASE new_enabled WHEN 1 THEN 'ON' ELSE 'OFF' END), changed_at, changed_by, reason
            FROM feature_toggle_history {filter} ORDER BY id DESC LIMIT $limit OFFSET $skip
            """;
        if (name is not null)
        {
            command.Parameters.AddWithValue("$name", name);
        }

        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$skip", skip);
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
        var old = await Read(connection, transaction, name, cancellationToken);

        // Storing a toggle for the first time is a change even in OFF (it is created and listed from then on).
        // An archived toggle is released again only by a restore: the caller sees it still archived.
        if (old is not null && (old.Archived || old.SameStateAs(change)))
        {
            // Not a change: no write, no audit record, no new revision.
            return new FeatureToggleSetResult(old, Changed: false);
        }

        var saved = FeatureToggleChanges.Apply(name, old, change, now);
        await Write(connection, transaction, saved, old, change.ChangedBy, change.Reason, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FeatureToggleSetResult(saved, Changed: true);
    }

    public async Task<FeatureToggleSetResult?> Edit(string name, FeatureToggleEdit edit, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await Open(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        if (await Read(connection, transaction, name, cancellationToken) is not { } old)
        {
            return null;
        }

        if (FeatureToggleChanges.Apply(old, edit, now) is not { } edited)
        {
            return new FeatureToggleSetResult(old, Changed: false);
        }

        await Write(connection, transaction, edited, old, edit.ChangedBy, edit.Reason, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FeatureToggleSetResult(edited, Changed: true);
    }

    public async Task RecordEvaluations(IReadOnlyDictionary<string, DateTimeOffset> lastEvaluated, CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var (name, at) in lastEvaluated)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            // ISO 8601 in UTC compares as text; silos report in any order, so only ever move forward.
            command.CommandText = """
                UPDATE feature_toggles SET last_evaluated_at = $at
                WHERE name = $name AND (last_evaluated_at IS NULL OR last_evaluated_at < $at)
                """;
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$at", Timestamp(at));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Writes the toggle and one audit record of the step from <paramref name="old"/>, in the caller's transaction.</summary>
    private static async Task Write(
        SqliteConnection connection, SqliteTransaction transaction, FeatureToggle saved, FeatureToggle? old, string changedBy, string? reason,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = """
            INSERT INTO feature_toggles (name, enabled, mode, percentage, updated_at, updated_by, revision, previous_state, description, owner, created_at, archived,
                active_from, active_until)
            VALUES ($name, $enabled, $mode, $percentage, $now, $by, $revision, $previous_state, $description, $owner, $created_at, $archived,
                $active_from, $active_until)
            ON CONFLICT (name) DO UPDATE SET enabled = excluded.enabled, mode = excluded.mode, percentage = excluded.percentage,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by, revision = excluded.revision,
                previous_state = excluded.previous_state, description = excluded.description, owner = excluded.owner,
                created_at = excluded.created_at, archived = excluded.archived, active_from = excluded.active_from,
                active_until = excluded.active_until;
            INSERT INTO feature_toggle_history (name, old_enabled, new_enabled, old_state, new_state, changed_at, changed_by, reason)
            VALUES ($name, $old_enabled, $enabled, $old_state, $new_state, $now, $by, $reason);
            """;
        var (oldState, newState) = FeatureToggleChanges.AuditStates(old, saved);
        write.Parameters.AddWithValue("$name", saved.Name);
        // The hand-edited switch means "on for everybody"; an archived toggle keeps its mode in the other columns.
        write.Parameters.AddWithValue("$enabled", saved.Mode == FeatureToggleMode.On ? 1 : 0);
        write.Parameters.AddWithValue("$mode", saved.Mode.ToString().ToUpperInvariant());
        write.Parameters.AddWithValue("$percentage", saved.Percentage);
        write.Parameters.AddWithValue("$now", now.ToString("O", CultureInfo.InvariantCulture));
        write.Parameters.AddWithValue("$by", changedBy);
        write.Parameters.AddWithValue("$revision", saved.Revision);
        write.Parameters.AddWithValue("$previous_state", (object?)saved.PreviousState ?? DBNull.Value);
        write.Parameters.AddWithValue("$description", (object?)saved.Description ?? DBNull.Value);
        write.Parameters.AddWithValue("$owner", (object?)saved.Owner ?? DBNull.Value);
        write.Parameters.AddWithValue("$created_at", saved.CreatedAt is { } created ? Timestamp(created) : DBNull.Value);
        write.Parameters.AddWithValue("$archived", saved.Archived ? 1 : 0);
        write.Parameters.AddWithValue("$old_enabled", old is null ? DBNull.Value : old.Mode == FeatureToggleMode.On ? 1 : 0);
        write.Parameters.AddWithValue("$old_state", (object?)oldState ?? DBNull.Value);
        write.Parameters.AddWithValue("$new_state", newState);
        write.Parameters.AddWithValue("$reason", (object?)reason ?? DBNull.Value);
        write.Parameters.AddWithValue("$active_from", saved.ActiveFrom is { } from ? FeatureToggleWindow.Text(from) : DBNull.Value);
        write.Parameters.AddWithValue("$active_until", saved.ActiveUntil is { } until ? FeatureToggleWindow.Text(until) : DBNull.Value);
        await write.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<FeatureToggle?> Read(SqliteConnection connection, SqliteTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = $"SELECT {Columns} FROM feature_toggles WHERE name = $name";
        read.Parameters.AddWithValue("$name", name);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadToggle(reader) : null;
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
            Time(reader, 4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.GetInt64(6),
            reader.IsDBNull(7) ? null : reader.GetString(7),
            reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetString(9),
            Time(reader, 10),
            reader.GetInt64(11) == 1,
            Time(reader, 12),
            mode == FeatureToggleMode.Off ? null : ReadBound(reader, 13),
            mode == FeatureToggleMode.Off ? null : ReadBound(reader, 14));
    }

    /// <summary>A window bound as stored, or as a person typed it by hand (any ISO 8601 form; without an offset, UTC).</summary>
    private static DateTimeOffset? ReadBound(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null
        : FeatureToggleWindow.Normalize(DateTimeOffset.Parse(reader.GetString(column), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));

    private static DateTimeOffset? Time(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.Parse(reader.GetString(column), CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 in UTC with a fixed width, so times compare as text.</summary>
    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feature toggle store ready at {Path}")]
    private partial void LogReady(string path);
}
