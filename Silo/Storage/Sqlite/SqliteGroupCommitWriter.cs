using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace Loans.Silo.Storage.Sqlite;

/// <summary>
/// The only connection that writes to a database file. Writes queue up while a transaction is being
/// flushed and are then committed together, so many concurrent writers share one fsync instead of fighting
/// for SQLite's write lock. A write completes only after its transaction is durable.
/// </summary>
internal sealed partial class SqliteGroupCommitWriter : IDisposable
{
    // Stryker disable once Initializer, Boolean : only the writer thread ever reads the queue; SingleReader only lets the channel skip synchronizing readers
    private readonly Channel<SqliteWrite> queue = Channel.CreateUnbounded<SqliteWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, TableStatements> statements = new(StringComparer.Ordinal);
    private readonly SqliteConnection connection;
    private readonly int maxBatchSize;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly Thread thread;

    public SqliteGroupCommitWriter(SqliteConnection connection, int maxBatchSize, TimeProvider clock, ILogger logger)
    {
        this.connection = connection;
        this.maxBatchSize = maxBatchSize;
        this.clock = clock;
        this.logger = logger;
        // Stryker disable once String : the thread's name only labels it in a debugger or a dump
        thread = new Thread(Run) { IsBackground = true, Name = $"sqlite-writer-{Path.GetFileName(connection.DataSource)}" };
        thread.Start();
    }

    public Task<long?> Enqueue(SqliteWrite write)
    {
        if (!queue.Writer.TryWrite(write))
        {
            write.Completion.TrySetException(new ObjectDisposedException(nameof(SqliteGroupCommitWriter), $"The SQLite writer for '{connection.DataSource}' has stopped."));
        }

        return write.Completion.Task;
    }

    /// <summary>Stops taking writes, commits those already queued, then closes the connection.</summary>
    public void Dispose()
    {
        queue.Writer.TryComplete();
        thread.Join();
        // Stryker disable once Statement, Block : closing the connection below finalizes these statements too; disposing them first only frees them sooner
        foreach (var table in statements.Values)
        {
            table.Dispose();
        }

        connection.Dispose();
    }

    private void Run()
    {
        var batch = new List<SqliteWrite>(maxBatchSize);
        var results = new List<(SqliteWrite Write, long? Etag, Exception? Error)>(maxBatchSize);
        while (queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < maxBatchSize)
            {
                // Not "&& TryRead(out var write)" in the loop condition: a mutant turning && into || must compile.
                if (!queue.Reader.TryRead(out var write))
                {
                    break;
                }

                batch.Add(write);
            }

            results.Clear();
            try
            {
                CommitBatch(batch, results);
            }
            catch (Exception exception)
            {
                LogBatchFailed(exception, connection.DataSource, batch.Count);
                foreach (var write in batch)
                {
                    write.Completion.TrySetException(exception);
                }

                // Stryker disable once Statement : every write of the failed batch has just been failed; answering its results again would change nothing (TrySet* on a completed write does nothing)
                continue;
            }

            foreach (var (write, etag, error) in results)
            {
                if (error is null)
                {
                    write.Completion.TrySetResult(etag);
                }
                else
                {
                    write.Completion.TrySetException(error);
                }
            }
        }
    }

    /// <summary>
    /// Takes the write lock first (BEGIN IMMEDIATE waits up to the busy timeout for another process), and only then
    /// starts the writes: one whose caller gave up while the lock was held elsewhere is skipped, never applied late.
    /// </summary>
    private void CommitBatch(List<SqliteWrite> batch, List<(SqliteWrite, long?, Exception?)> results)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var now = SqliteTimestamp.Format(clock.GetUtcNow());
        foreach (var write in batch)
        {
            if (write.TryStart())
            {
                results.Add(Apply(write, Statements(write.Table), transaction, now));
            }
        }

        transaction.Commit();
    }

    private TableStatements Statements(string table)
    {
        if (!statements.TryGetValue(table, out var prepared))
        {
            prepared = new TableStatements(connection, table);
            statements.Add(table, prepared);
        }

        return prepared;
    }

    private static (SqliteWrite, long?, Exception?) Apply(SqliteWrite write, TableStatements table, SqliteTransaction transaction, string now)
    {
        var command = write.Kind switch
        {
            SqliteWriteKind.Insert => table.Insert,
            SqliteWriteKind.Update => table.Update,
            SqliteWriteKind.Expire => table.Expire,
            _ => table.Delete,
        };
        command.Transaction = transaction;
        SetIfPresent(command, "$id", write.GrainId);
        SetIfPresent(command, "$state", write.StateName);
        SetIfPresent(command, "$document", write.Document);
        SetIfPresent(command, "$now", now);
        SetIfPresent(command, "$etag", write.ExpectedEtag);
        SetIfPresent(command, "$cutoff", write.Cutoff);

        var changed = command.ExecuteNonQuery();
        return write.Kind switch
        {
            SqliteWriteKind.Expire => (write, changed, null),
            SqliteWriteKind.Insert when changed == 1 => (write, 1L, null),
            SqliteWriteKind.Update when changed == 1 => (write, write.ExpectedEtag + 1, null),
            SqliteWriteKind.Delete when changed == 1 || write.ExpectedEtag is null => (write, null, null),
            _ => (write, null, Conflict(write, table, transaction)),
        };
    }

    private static InconsistentStateException Conflict(SqliteWrite write, TableStatements table, SqliteTransaction transaction)
    {
        var currentEtag = table.CurrentEtag;
        currentEtag.Transaction = transaction;
        currentEtag.Parameters["$id"].Value = write.GrainId;
        currentEtag.Parameters["$state"].Value = write.StateName;
        var stored = currentEtag.ExecuteScalar()?.ToString() ?? "none";
        var expected = write.ExpectedEtag?.ToString() ?? "none";
        return new InconsistentStateException(
            $"Version conflict writing {write.StateName} of grain {write.GrainId} to SQLite table '{write.Table}': expected ETag {expected}, stored {stored}.",
            storedEtag: stored,
            currentEtag: expected);
    }

    private static void SetIfPresent(SqliteCommand command, string name, object? value)
    {
        if (command.Parameters.Contains(name))
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "SQLite {Database}: a group commit of {Count} writes failed; none of them was stored")]
    private partial void LogBatchFailed(Exception exception, string database, int count);

    /// <summary>The prepared statements for one table, created on the writer thread when first needed.</summary>
    private sealed class TableStatements : IDisposable
    {
        public TableStatements(SqliteConnection connection, string table)
        {
            Insert = Prepare(connection, $"INSERT INTO {table} (grain_id, state_name, etag, document, created_at, updated_at) VALUES ($id, $state, 1, $document, $now, $now) ON CONFLICT DO NOTHING");
            Update = Prepare(connection, $"UPDATE {table} SET etag = etag + 1, document = $document, updated_at = $now WHERE grain_id = $id AND state_name = $state AND etag = $etag");
            Delete = Prepare(connection, $"DELETE FROM {table} WHERE grain_id = $id AND state_name = $state AND ($etag IS NULL OR etag = $etag)");
            CurrentEtag = Prepare(connection, $"SELECT etag FROM {table} WHERE grain_id = $id AND state_name = $state");
            Expire = Prepare(connection, $"DELETE FROM {table} WHERE (grain_id, state_name) IN (SELECT grain_id, state_name FROM {table} WHERE updated_at < $cutoff LIMIT {SqliteWrite.ExpiryBatchSize})");
        }

        public SqliteCommand Insert { get; }
        public SqliteCommand Update { get; }
        public SqliteCommand Delete { get; }
        public SqliteCommand CurrentEtag { get; }
        public SqliteCommand Expire { get; }

        // Stryker disable Statement, Block : closing the writer's connection finalizes every statement prepared on it; disposing them first only frees them sooner
        public void Dispose()
        {
            Insert.Dispose();
            Update.Dispose();
            Delete.Dispose();
            CurrentEtag.Dispose();
            Expire.Dispose();
        }

        // Stryker restore Statement, Block

        private static SqliteCommand Prepare(SqliteConnection connection, string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in new[] { "$id", "$state", "$document", "$now", "$etag", "$cutoff" }.Where(p => sql.Contains(p, StringComparison.Ordinal)))
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            // Stryker disable once Statement : a command not prepared here is prepared at its first execution and kept prepared; this only does it before the first write
            command.Prepare();
            return command;
        }
    }
}
