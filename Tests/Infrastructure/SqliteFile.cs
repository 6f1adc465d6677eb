using Microsoft.Data.Sqlite;

namespace Loans.Tests.Infrastructure;

/// <summary>One statement against a SQLite file on its own unpooled connection: how tests see what was really stored.</summary>
public static class SqliteFile
{
    public static async Task<object?> Scalar(string path, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync();
    }
}
