using Microsoft.Data.Sqlite;

namespace Loans.Silo.FeatureToggles.Sqlite;

/// <summary>
/// The toggle file's tables, brought up to date on an existing file: columns added since the seed are added with
/// ALTER TABLE when missing, and the hand-edit trigger is replaced with the current one, so a file from any earlier
/// version keeps its toggles and its audit trail.
/// </summary>
internal static class SqliteFeatureToggleSchema
{
    /// <summary>Who an edit made straight in the database is recorded as, when it does not say.</summary>
    public const string HandEditor = "database-edit";

    public const string Tables = """
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

    /// <summary>
    /// Release modes came after the seed's plain on/off column, which stays the switch a person edits by hand:
    /// enabled = 1 means on for everybody whatever the mode says; otherwise mode may hold SHADOW or PERCENTAGE.
    /// archived = 1 means off for everybody, whatever the other columns say (they are kept for a restore).
    /// </summary>
    private static readonly (string Table, string Column, string Definition)[] AddedColumns =
    [
        ("feature_toggles", "mode", "TEXT NOT NULL DEFAULT 'OFF'"),
        ("feature_toggles", "percentage", "INTEGER NOT NULL DEFAULT 0 CHECK (percentage BETWEEN 0 AND 100)"),
        ("feature_toggles", "revision", "INTEGER NOT NULL DEFAULT 0"),
        ("feature_toggles", "previous_state", "TEXT"),
        ("feature_toggle_history", "old_state", "TEXT"),
        ("feature_toggle_history", "new_state", "TEXT"),
        ("feature_toggles", "description", "TEXT"),
        ("feature_toggles", "owner", "TEXT"),
        ("feature_toggles", "created_at", "TEXT"),
        ("feature_toggles", "archived", "INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))"),
        ("feature_toggles", "last_evaluated_at", "TEXT"),
        // A toggle's time window, as UTC text in FeatureToggleWindow.Format; NULL for an open end.
        ("feature_toggles", "active_from", "TEXT"),
        ("feature_toggles", "active_until", "TEXT"),
    ];

    public static async Task AddMissingColumns(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var (table, column, definition) in AddedColumns)
        {
            await using var exists = connection.CreateCommand();
            exists.Transaction = transaction;
            exists.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
            if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                await using var alter = connection.CreateCommand();
                alter.Transaction = transaction;
                alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition}";
                await alter.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// A toggle stored before creation times were kept was created by its first recorded change; one with no
    /// change at all (seeded) counts from now.
    /// </summary>
    public const string BackfillCreatedAt = """
        UPDATE feature_toggles SET created_at = COALESCE(
            (SELECT MIN(changed_at) FROM feature_toggle_history h WHERE h.name = feature_toggles.name), updated_at, $now)
        WHERE created_at IS NULL;
        """;

    /// <summary>
    /// A row's state in one word and its window, as <see cref="Loans.Grains.Interfaces.Features.FeatureToggle.Describe"/>
    /// spells it (an archived row is ARCHIVED alone: its mode and window wait for a restore).
    /// </summary>
    public static string StateOf(string row) => $"""
        CASE WHEN {row}.archived = 1 THEN 'ARCHIVED' ELSE
            CASE WHEN {row}.enabled = 1 THEN 'ON' WHEN upper({row}.mode) = 'SHADOW' THEN 'SHADOW'
                 WHEN upper({row}.mode) = 'PERCENTAGE' THEN 'PERCENTAGE ' || {row}.percentage ELSE 'OFF' END
            || CASE WHEN {row}.enabled = 1 OR upper({row}.mode) IN ('SHADOW', 'PERCENTAGE')
                    THEN COALESCE(' from ' || {row}.active_from, '') || COALESCE(' until ' || {row}.active_until, '') ELSE '' END
        END
        """;

    /// <summary>
    /// An edit made by hand (which leaves the revision alone) is a change too: it gets the next revision and its
    /// previous state, so the dashboards see it like any other, and is recorded as made by <see cref="HandEditor"/>
    /// unless the edit names its author. Changes made through the store set the revision themselves and are left
    /// alone. Dropped and created again at every start, so a file made by an earlier version gets this one.
    /// </summary>
    public static readonly string HandEditRevisionTrigger = $"""
        DROP TRIGGER IF EXISTS feature_toggles_hand_edit_revision;
        CREATE TRIGGER feature_toggles_hand_edit_revision
        AFTER UPDATE OF enabled, mode, percentage, archived, active_from, active_until ON feature_toggles
        WHEN new.revision = old.revision AND ({StateOf("old")}) IS NOT ({StateOf("new")})
        BEGIN
            UPDATE feature_toggles SET revision = old.revision + 1, previous_state = ({StateOf("old")}),
                updated_by = CASE WHEN new.updated_by IS old.updated_by THEN '{HandEditor}' ELSE new.updated_by END,
                updated_at = CASE WHEN new.updated_at IS old.updated_at THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE new.updated_at END
            WHERE name = new.name;
        END;
        """;
}
