using System.Globalization;
using System.Text.Json;
using Loans.Grains.Interfaces;
using Loans.Silo.Hosting;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace Loans.Silo.Storage.Sqlite;

/// <summary>
/// Grain storage in an embedded SQLite file: one row per grain state holding a JSON document and an integer
/// ETag. WAL lets reads run beside the single group-committing writer. A write whose caller's deadline passes
/// while it waits for the writer (e.g. behind another process's lock) is dropped unwritten and ends in
/// OperationCanceledException; one already started completes and is answered as usual.
/// </summary>
internal sealed partial class SqliteGrainStorage(
    string name,
    SqliteGrainStorageOptions options,
    TimeProvider clock,
    ILogger<SqliteGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly string table = options.TableName ?? name;
    private SqliteGroupCommitWriter? writer;
    private SqliteStateReaders? readers;
    private ITimer? expiryTimer;
    // Stryker disable once String : Open sets the path before anything reads it; only Dispose reads it, and only after Open acquired the writer
    private string path = "";

    public static SqliteGrainStorage Create(IServiceProvider services, string name) => new SqliteGrainStorage(
        name,
        services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name),
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<ILogger<SqliteGrainStorage>>());

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            // Stryker disable once String : the observer's name only labels the silo's lifecycle log lines
            $"{nameof(SqliteGrainStorage)}-{name}",
            ServiceLifecycleStage.ApplicationServices,
            _ => { Open(); return Task.CompletedTask; },
            _ => { Dispose(); return Task.CompletedTask; });

    /// <summary>Opens the database, creates the schema and joins the file's writer. Called once at silo start.</summary>
    public void Open()
    {
        path = Path.GetFullPath(options.DataSource);
        PrivateDataFile.Prepare(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Stryker disable once Boolean : pooling only lets the setup connection be reused by the writer; an unpooled one opens the same file the same way
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        var connectionString = builder.ToString();

        using (var setup = new SqliteConnection(connectionString))
        {
            setup.Open();
            SqliteSchema.Ensure(setup, table, options);
        }

        writer = SqliteWriters.Acquire(path, () =>
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var pragmas = connection.CreateCommand();
            // Stryker disable once StringMethod : SQLite reads pragma values case-insensitively (FULL, full)
            pragmas.CommandText = $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {options.Synchronous.ToString().ToUpperInvariant()}; PRAGMA mmap_size = {options.MemoryMapSize};";
            pragmas.ExecuteNonQuery();
            return new SqliteGroupCommitWriter(connection, options.MaxBatchSize, clock, logger);
        });
        // Read connections stay open in the readers' own pool; ADO.NET pooling would only hide them.
        // Stryker disable Boolean, Statement, Math, Arithmetic, Linq : whether the readers' connections are also pooled and how many idle ones are kept change how often a connection is opened, not what a read returns
        builder.Pooling = false;
        readers = new SqliteStateReaders(builder.ToString(), table, options.MemoryMapSize, Math.Max(4, 4 * Environment.ProcessorCount));
        // Stryker restore Boolean, Statement, Math, Arithmetic, Linq
        LogOpened(name, path, table, options.Synchronous);
        if (options.ExpireAfter is not null)
        {
            expiryTimer = clock.CreateTimer(_ => _ = RemoveExpired(), null, options.ExpiryInterval, options.ExpiryInterval);
        }
    }

    /// <summary>
    /// Deletes the rows not written for <see cref="SqliteGrainStorageOptions.ExpireAfter"/>, a batch at a time in the
    /// writer's turn, so no write ever waits on a long delete. Returns how many it removed; failures are logged,
    /// and the next round tries again.
    /// </summary>
    public async Task<long> RemoveExpired()
    {
        // Tested as null, not bound in a pattern: a mutant turning || into && must still compile (CS0165).
        if (options.ExpireAfter is null || writer is null)
        {
            return 0;
        }

        var cutoff = clock.GetUtcNow() - options.ExpireAfter.Value;
        long removed = 0;
        try
        {
            long batch;
            do
            {
                batch = await Writer.Enqueue(SqliteWrite.Expiry(table, cutoff)) ?? 0;
                removed += batch;
            }
            while (batch == SqliteWrite.ExpiryBatchSize);
        }
        // A stopped writer's ObjectDisposedException is an InvalidOperationException too.
        catch (Exception exception) when (exception is SqliteException or InvalidOperationException)
        {
            LogExpiryFailed(exception, name, table);
        }

        if (removed > 0)
        {
            LogExpired(name, removed, table, cutoff);
        }

        return removed;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? Task.FromCanceled(cancellationToken)
            : Guarded("read", grainId, () => Read(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? Task.FromCanceled(cancellationToken)
            : Guarded("write", grainId, () => Write(stateName, grainId, grainState, cancellationToken));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guarded("clear", grainId, () => Clear(stateName, grainId, grainState));

    private Task Read<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var row = Readers.Read(grainId.ToString(), stateName);
        if (row is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return Task.CompletedTask;
        }

        var (etag, document) = row.Value;
        grainState.State = JsonSerializer.Deserialize<T>(document, StateDocumentJson.Options) ?? Activator.CreateInstance<T>();
        grainState.ETag = etag.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    private async Task Write<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var document = JsonSerializer.Serialize(grainState.State, StateDocumentJson.Options);
        var expected = ParseEtag(grainState.ETag);
        var kind = expected is null ? SqliteWriteKind.Insert : SqliteWriteKind.Update;
        var write = new SqliteWrite(table, kind, grainId.ToString(), stateName, expected, document);
        long? etag;
        using (write.CancelWhen(cancellationToken))
        {
            etag = await Writer.Enqueue(write);
        }

        grainState.ETag = etag?.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    private async Task Clear<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await Writer.Enqueue(new SqliteWrite(table, SqliteWriteKind.Delete, grainId.ToString(), stateName, ParseEtag(grainState.ETag), null));
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>
    /// Database faults become <see cref="StorageUnavailableException"/>: a type every client can read, so the
    /// API can answer 503 instead of failing to deserialize a SqliteException it has never heard of.
    /// </summary>
    private async Task Guarded(string operation, GrainId grainId, Func<Task> action)
    {
        try
        {
            await action();
        }
        // InvalidOperationException: the storage is not open, or (ObjectDisposedException) its writer has stopped.
        catch (Exception exception) when (exception is SqliteException or InvalidOperationException)
        {
            LogStorageFailed(exception, operation, grainId, name);
            GrainStorageTelemetry.RecordFailure(GrainStorageTelemetry.Sqlite, name, operation);
            // A failed group commit is rolled back whole, so a write that failed here stored nothing.
            throw new StorageUnavailableException($"SQLite grain storage '{name}' could not {operation} the state of {grainId}: {exception.Message}")
            {
                NothingWritten = operation != "read",
            };
        }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref expiryTimer, null)?.Dispose();
        Interlocked.Exchange(ref readers, null)?.Dispose();
        if (writer is not null)
        {
            writer = null;
            SqliteWriters.Release(path);
        }
    }

    private SqliteStateReaders Readers =>
        readers ?? throw new InvalidOperationException($"SQLite grain storage '{name}' is not open: the silo has not started or has stopped.");

    private SqliteGroupCommitWriter Writer =>
        writer ?? throw new InvalidOperationException($"SQLite grain storage '{name}' is not open: the silo has not started or has stopped.");

    private static long? ParseEtag(string? etag) =>
        etag is null ? null
        : long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw new InconsistentStateException($"ETag '{etag}' was not issued by SQLite grain storage.", etag, "unknown");

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not {Operation} the state of {GrainId} in SQLite grain storage {Name}")]
    private partial void LogStorageFailed(Exception exception, string operation, GrainId grainId, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite grain storage {Name} removed {Count} rows of {Table} not written since {Cutoff}")]
    private partial void LogExpired(string name, long count, string table, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite grain storage {Name} could not remove expired rows of {Table}; it tries again at the next interval")]
    private partial void LogExpiryFailed(Exception exception, string name, string table);

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite grain storage {Name} opened {Path}, table {Table}, synchronous={Synchronous}")]
    private partial void LogOpened(string name, string path, string table, SqliteSynchronousMode synchronous);
}
