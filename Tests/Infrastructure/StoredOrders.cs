using Microsoft.Data.Sqlite;

namespace Loans.Tests.Infrastructure;

/// <summary>Reads the SQLite order table of a running system directly, to prove what was (not) written.</summary>
public static class StoredOrders
{
    public static async Task<long> Count(LoansSystem system)
    {
        var path = Path.Combine(system.DataDirectory, "data", "loans.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM orders";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
