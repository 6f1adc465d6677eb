using Microsoft.Data.Sqlite;

namespace Loans.Silo.Storage.Sqlite;

/// <summary>Creates a provider's table, its readable columns and their indexes; safe to run on every start.</summary>
internal static class SqliteSchema
{
    public static void Ensure(SqliteConnection connection, string table, SqliteGrainStorageOptions options)
    {
        Execute(connection, $"""
            CREATE TABLE IF NOT EXISTS {table} (
                grain_id   TEXT    NOT NULL,
                state_name TEXT    NOT NULL,
                etag       INTEGER NOT NULL,
                document   TEXT    NOT NULL CHECK (json_valid(document)),
                created_at TEXT    NOT NULL,
                updated_at TEXT    NOT NULL,
                PRIMARY KEY (grain_id, state_name)
            ) WITHOUT ROWID
            """);

        var existing = ExistingColumns(connection, table);
        foreach (var (column, jsonPath) in options.ReadableColumns.Where(c => !existing.Contains(c.Key)))
        {
            var path = jsonPath.Replace("'", "''", StringComparison.Ordinal);
            Execute(connection, $"ALTER TABLE {table} ADD COLUMN {column} GENERATED ALWAYS AS (json_extract(document, '{path}')) VIRTUAL");
        }

        foreach (var column in options.IndexedColumns)
        {
            Execute(connection, $"CREATE INDEX IF NOT EXISTS ix_{table}_{column} ON {table} ({column})");
        }

        if (options.ExpireAfter is not null)
        {
            Execute(connection, $"CREATE INDEX IF NOT EXISTS ix_{table}_updated_at ON {table} (updated_at)");
        }
    }

    private static HashSet<string> ExistingColumns(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_xinfo('{table}')";
        using var reader = command.ExecuteReader();
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
