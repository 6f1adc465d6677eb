using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Loans.Silo.Storage.Sqlite;

/// <summary>
/// Open read connections, each with its SELECT prepared once and the file memory-mapped. A pooled ADO.NET
/// connection would parse the statement on every read, and in WAL mode its page cache is dropped whenever
/// the writer commits, so under load every read went back to the file with a system call per page.
/// </summary>
internal sealed class SqliteStateReaders(string connectionString, string table, long memoryMapSize, int capacity) : IDisposable
{
    private readonly ConcurrentBag<Reader> idle = [];
    private int disposed;

    /// <summary>The stored ETag and JSON document of one grain state, or null when there is none.</summary>
    public (long ETag, string Document)? Read(string grainId, string stateName)
    {
        var reader = idle.TryTake(out var pooled) ? pooled : Reader.Open(connectionString, table, memoryMapSize);
        var returned = false;
        try
        {
            var row = reader.Read(grainId, stateName);
            returned = Return(reader);
            return row;
        }
        finally
        {
            if (!returned)
            {
                reader.Dispose();
            }
        }
    }

    private bool Return(Reader reader)
    {
        if (Volatile.Read(ref disposed) != 0 || idle.Count >= capacity)
        {
            return false;
        }

        idle.Add(reader);
        return true;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref disposed, 1);
        while (idle.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private sealed class Reader(SqliteConnection connection, SqliteCommand select) : IDisposable
    {
        private readonly SqliteParameter id = select.Parameters.Add("$id", SqliteType.Text);
        private readonly SqliteParameter state = select.Parameters.Add("$state", SqliteType.Text);

        public static Reader Open(string connectionString, string table, long memoryMapSize)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                using (var pragmas = connection.CreateCommand())
                {
                    // Each pragma answers with a row, so they cannot share a command with the SELECT.
                    pragmas.CommandText = $"PRAGMA mmap_size = {memoryMapSize}; PRAGMA query_only = 1;";
                    pragmas.ExecuteNonQuery();
                }

                var select = connection.CreateCommand();
                select.CommandText = $"SELECT etag, document FROM {table} WHERE grain_id = $id AND state_name = $state";
                return new Reader(connection, select);
            }
            catch
            {
                // Stryker disable once Statement : only Open itself can fail here (neither pragma reads the file), and a connection that failed to open holds nothing to close
                connection.Dispose();
                throw;
            }
        }

        public (long, string)? Read(string grainId, string stateName)
        {
            id.Value = grainId;
            state.Value = stateName;
            using var row = select.ExecuteReader();
            return row.Read() ? (row.GetInt64(0), row.GetString(1)) : null;
        }

        public void Dispose()
        {
            // Stryker disable once Statement : closing the connection below finalizes the statement too; disposing it first only frees it sooner
            select.Dispose();
            connection.Dispose();
        }
    }
}
