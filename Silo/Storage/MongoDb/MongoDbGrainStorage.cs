using System.Globalization;
using Loans.Grains.Interfaces;
using MongoDB.Bson;
using MongoDB.Driver;
using Orleans.Storage;

namespace Loans.Silo.Storage.MongoDb;

/// <summary>
/// Grain storage in MongoDB: one document per grain (see <see cref="MongoDbStateDocument"/>), written with
/// optimistic concurrency on <c>_id</c> + <c>_etag</c>. Transient faults are retried a bounded number of
/// times; anything the driver still throws becomes <see cref="StorageUnavailableException"/> (API: 503). The caller's
/// deadline (the cancellation token of IGrainStorage's overloads) stops the retries, their back-off and the driver's
/// wait for a server.
/// </summary>
internal sealed partial class MongoDbGrainStorage(
    string name,
    MongoDbGrainStorageOptions options,
    TimeProvider clock,
    ILogger<MongoDbGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private static readonly FilterDefinitionBuilder<BsonDocument> Filter = Builders<BsonDocument>.Filter;

    private readonly string collectionName = options.CollectionName(name);
    private readonly MongoDbIndexes indexes = new(name, options, clock, logger);
    private MongoClient? client;
    private IMongoCollection<BsonDocument>? collection;

    public static MongoDbGrainStorage Create(IServiceProvider services, string name) => new(
        name,
        services.GetRequiredService<IOptionsMonitor<MongoDbGrainStorageOptions>>().Get(name),
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<ILogger<MongoDbGrainStorage>>());

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            $"{nameof(MongoDbGrainStorage)}-{name}",
            ServiceLifecycleStage.ApplicationServices,
            Start,
            _ => { Dispose(); return Task.CompletedTask; });

    /// <summary>
    /// Connects and creates the indexes (one attempt). A database that is not up yet does not stop the storage (the
    /// silo waits for it first, see <see cref="MongoDbStartupDependency"/>): the indexes are created before the first
    /// operation that reaches it, and until then calls answer "unavailable".
    /// </summary>
    public async Task Start(CancellationToken cancellation)
    {
        Open();
        try
        {
            await EnsureIndexes(attempts: 1);
        }
        catch (StorageUnavailableException exception)
        {
            LogIndexesDeferred(name, exception.Message);
        }
    }

    /// <summary>Creates the client; connecting happens on the first operation.</summary>
    public void Open()
    {
        var settings = MongoClientSettings.FromConnectionString(options.ConnectionString);
        settings.ServerSelectionTimeout = options.ServerSelectionTimeout;
        settings.ConnectTimeout = options.ServerSelectionTimeout;
        client = new MongoClient(settings);
        collection = client.GetDatabase(options.Database).GetCollection<BsonDocument>(collectionName);
        LogOpened(name, string.Join(",", settings.Servers), options.Database, collectionName);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        Run("read", grainId, cancellationToken, async cancellation =>
        {
            var document = await Find(grainId, cancellation);
            if (document is null || MongoDbStateDocument.IsTombstone(document))
            {
                grainState.State = Activator.CreateInstance<T>();
                grainState.ETag = document is null ? null : Etag(MongoDbStateDocument.EtagOf(document));
                grainState.RecordExists = false;
                return;
            }

            grainState.State = MongoDbStateDocument.ReadState<T>(document);
            grainState.ETag = Etag(MongoDbStateDocument.EtagOf(document));
            grainState.RecordExists = true;
        });

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var expected = ParseEtag(grainState.ETag);
        var writeId = Guid.NewGuid();
        return Run("write", grainId, cancellationToken, async cancellation =>
        {
            var id = grainId.ToString();
            var now = clock.GetUtcNow();
            long written;
            if (expected is null)
            {
                written = await Insert(id, MongoDbStateDocument.Create(id, 1, grainState.State, now, writeId), cancellation)
                    ? 1
                    : await ReviveTombstone(grainId, grainState.State, now, writeId, cancellation);
            }
            else
            {
                var updated = await Collection.UpdateOneAsync(
                    Filter.Eq(MongoDbStateDocument.Id, id) & Filter.Eq(MongoDbStateDocument.ETag, expected.Value),
                    new BsonDocumentUpdateDefinition<BsonDocument>(MongoDbStateDocument.Update(expected.Value + 1, grainState.State, now, writeId)),
                    options: null,
                    cancellation);
                written = updated.MatchedCount == 1 ? expected.Value + 1 : await OursOrConflict(grainId, expected, writeId, cancellation);
            }

            grainState.ETag = Etag(written);
            grainState.RecordExists = true;
        });
    }

    /// <summary>Leaves a tombstone (see <see cref="MongoDbStateDocument.Tombstone"/>) rather than deleting.</summary>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = ParseEtag(grainState.ETag);
        var writeId = Guid.NewGuid();
        return Run("clear", grainId, CancellationToken.None, async cancellation =>
        {
            long? etag;
            if (expected is null)
            {
                // Nothing was ever read or written: there is nothing to clear unless someone else wrote it since.
                var existing = await Find(grainId, cancellation);
                if (existing is not null && !MongoDbStateDocument.IsTombstone(existing))
                {
                    throw Conflict(grainId, MongoDbStateDocument.EtagOf(existing), expected);
                }

                etag = existing is null ? null : MongoDbStateDocument.EtagOf(existing);
            }
            else
            {
                var id = grainId.ToString();
                var replaced = await Collection.ReplaceOneAsync(
                    Filter.Eq(MongoDbStateDocument.Id, id) & Filter.Eq(MongoDbStateDocument.ETag, expected.Value),
                    MongoDbStateDocument.Tombstone(id, expected.Value + 1, clock.GetUtcNow(), writeId),
                    (ReplaceOptions?)null,
                    cancellation);
                etag = replaced.MatchedCount == 1 ? expected.Value + 1 : await OursOrConflict(grainId, expected, writeId, cancellation);
            }

            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = etag is null ? null : Etag(etag.Value);
            grainState.RecordExists = false;
        });
    }

    /// <summary>True if inserted; false if a tombstone holds the id (any live document is a conflict).</summary>
    private async Task<bool> Insert(string id, BsonDocument document, CancellationToken cancellationToken)
    {
        try
        {
            await Collection.InsertOneAsync(document, options: null, cancellationToken);
            return true;
        }
        catch (MongoException exception) when (IsDuplicateKey(exception))
        {
            LogDuplicateFirstWrite(id, name);
            return false;
        }
    }

    /// <summary>
    /// A first write (no ETag) found the id taken. It may take over a tombstone (a cleared state is no
    /// record); a live document is someone else's record, unless it is our own write that an earlier,
    /// seemingly failed attempt did store.
    /// </summary>
    private async Task<long> ReviveTombstone<T>(GrainId grainId, T state, DateTimeOffset now, Guid writeId, CancellationToken cancellationToken)
    {
        var existing = await Find(grainId, cancellationToken);
        if (existing is null || !MongoDbStateDocument.IsTombstone(existing))
        {
            return existing is not null && MongoDbStateDocument.WrittenBy(existing, writeId)
                ? MongoDbStateDocument.EtagOf(existing)
                : throw Conflict(grainId, existing is null ? null : MongoDbStateDocument.EtagOf(existing), null);
        }

        var tombstone = MongoDbStateDocument.EtagOf(existing);
        var revived = await Collection.UpdateOneAsync(
            Filter.Eq(MongoDbStateDocument.Id, grainId.ToString()) & Filter.Eq(MongoDbStateDocument.ETag, tombstone) & Filter.Eq(MongoDbStateDocument.Deleted, true),
            new BsonDocumentUpdateDefinition<BsonDocument>(MongoDbStateDocument.Update(tombstone + 1, state, now, writeId)),
            options: null,
            cancellationToken);
        return revived.MatchedCount == 1 ? tombstone + 1 : await OursOrConflict(grainId, null, writeId, cancellationToken);
    }

    /// <summary>
    /// The conditional write matched nothing. After a retried attempt the first attempt may have been applied
    /// although its answer was lost: then the document carries our write id and the write did succeed.
    /// </summary>
    private async Task<long> OursOrConflict(GrainId grainId, long? expected, Guid writeId, CancellationToken cancellationToken)
    {
        var existing = await Find(grainId, cancellationToken);
        if (existing is not null && MongoDbStateDocument.WrittenBy(existing, writeId))
        {
            return MongoDbStateDocument.EtagOf(existing);
        }

        throw Conflict(grainId, existing is null ? null : MongoDbStateDocument.EtagOf(existing), expected);
    }

    private async Task<BsonDocument?> Find(GrainId grainId, CancellationToken cancellationToken)
    {
        return await Collection.Find(Filter.Eq(MongoDbStateDocument.Id, grainId.ToString())).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>One read or write, after the indexes when they are due (see <see cref="MongoDbIndexSchedule"/>).</summary>
    private async Task Run(string operation, GrainId grainId, CancellationToken cancellationToken, Func<CancellationToken, Task> action)
    {
        await EnsureIndexes(cancellationToken: cancellationToken);
        await Retrying(operation, grainId, async cancellation => { await action(cancellation); return true; }, cancellationToken: cancellationToken);
    }

    private Task EnsureIndexes(int? attempts = null, CancellationToken cancellationToken = default) =>
        indexes.EnsureIfDue(Collection, create => Retrying("create indexes for", null, _ => create(), attempts, cancellationToken), cancellationToken);

    /// <summary>
    /// Retries faults that say "try again" (no server reachable, primary stepped down, timeouts, errors the
    /// server labels retryable) up to MaxAttempts with doubling delays; other driver faults fail at once. Both
    /// end as <see cref="StorageUnavailableException"/> carrying only a message, which every client can read, and
    /// for a write whether it is sure nothing was applied (every attempt failed before it reached a server).
    /// <paramref name="cancellationToken"/> is the caller's deadline: it ends the call in
    /// <see cref="OperationCanceledException"/> while nothing has been sent, and otherwise, since a sent write may
    /// have been applied, in <see cref="StorageUnavailableException"/> that does not claim nothing was written.
    /// </summary>
    private async Task<TResult> Retrying<TResult>(string operation, GrainId? grainId, Func<CancellationToken, Task<TResult>> action, int? attempts = null, CancellationToken cancellationToken = default)
    {
        var what = grainId is { } id ? $"the state of {id}" : $"collection '{collectionName}'";
        var maxAttempts = attempts ?? options.MaxAttempts;
        var writes = operation is "write" or "clear";
        var maybeApplied = false;
        for (var attempt = 1; ; attempt++)
        {
            var sending = false;
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                sending = true;
                return await action(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && writes && (sending || maybeApplied))
            {
                // Cancelled during an attempt (or after one that may have been applied): the write may be stored.
                throw DeadlinePassed(operation, what, attempt);
            }
            catch (Exception exception) when (IsTransient(exception) && attempt < maxAttempts)
            {
                maybeApplied |= !NeverSent(exception);
                indexes.Schedule.Observe(exception);
                var delay = options.RetryDelay * Math.Pow(2, attempt - 1);
                LogRetrying(operation, what, name, attempt, maxAttempts, delay, exception.GetType().Name, exception.Message);
                try
                {
                    await Task.Delay(delay, clock, cancellationToken);
                }
                catch (OperationCanceledException) when (writes && maybeApplied)
                {
                    throw DeadlinePassed(operation, what, attempt);
                }
            }
            catch (Exception exception) when (IsTransient(exception) || exception is MongoException or ObjectDisposedException or InvalidOperationException)
            {
                maybeApplied |= !NeverSent(exception);
                indexes.Schedule.Observe(exception);
                LogStorageFailed(exception, operation, what, name, attempt);
                GrainStorageTelemetry.RecordFailure(GrainStorageTelemetry.MongoDb, name, operation);
                throw new StorageUnavailableException(
                    $"MongoDB grain storage '{name}' could not {operation} {what} after {attempt} attempt(s): {exception.Message}")
                {
                    NothingWritten = writes && !maybeApplied,
                };
            }
        }
    }

    /// <summary>
    /// Faults raised before an operation reaches a server: no server could be selected (the driver's TimeoutException),
    /// the connection pool refused to hand out a connection, or the storage is not open.
    /// </summary>
    private static bool NeverSent(Exception exception) =>
        exception is TimeoutException or MongoConnectionPoolPausedException or MongoWaitQueueFullException or ObjectDisposedException or InvalidOperationException;

    /// <summary>The caller's deadline passed after a write was sent: it may have been applied, so nothing is claimed.</summary>
    private StorageUnavailableException DeadlinePassed(string operation, string what, int attempts)
    {
        LogDeadlinePassed(operation, what, name, attempts);
        GrainStorageTelemetry.RecordFailure(GrainStorageTelemetry.MongoDb, name, operation);
        return new StorageUnavailableException(
            $"MongoDB grain storage '{name}' stopped trying to {operation} {what} at the caller's deadline after {attempts} attempt(s); the last one may have been applied.");
    }

    internal static bool IsDuplicateKey(MongoException exception) => exception switch
    {
        MongoWriteException write => write.WriteError?.Category == ServerErrorCategory.DuplicateKey,
        MongoCommandException command => command.Code == 11000,
        _ => exception is MongoDuplicateKeyException,
    };

    internal static bool IsTransient(Exception exception) => exception switch
    {
        MongoConnectionException or MongoNotPrimaryException or MongoNodeIsRecoveringException
            or MongoExecutionTimeoutException or MongoWaitQueueFullException or MongoConnectionPoolPausedException => true,
        MongoException mongo when mongo.HasErrorLabel("RetryableWriteError") || mongo.HasErrorLabel("TransientTransactionError") => true,
        TimeoutException => true,
        _ => false,
    };

    private InconsistentStateException Conflict(GrainId grainId, long? stored, long? expected)
    {
        var storedText = stored is null ? "none" : Etag(stored.Value);
        var expectedText = expected is null ? "none" : Etag(expected.Value);
        LogConflict(grainId, name, storedText, expectedText);
        return new InconsistentStateException(
            $"Version conflict on {grainId} in MongoDB collection '{collectionName}': expected ETag {expectedText}, stored {storedText}.",
            storedEtag: storedText,
            currentEtag: expectedText);
    }

    public void Dispose()
    {
        collection = null;
        client?.Dispose();
        client = null;
    }

    private IMongoCollection<BsonDocument> Collection =>
        collection ?? throw new InvalidOperationException($"MongoDB grain storage '{name}' is not open: the silo has not started or has stopped.");

    private static string Etag(long etag) => etag.ToString(CultureInfo.InvariantCulture);

    private static long? ParseEtag(string? etag) =>
        etag is null ? null
        : long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw new InconsistentStateException($"ETag '{etag}' was not issued by MongoDB grain storage.", etag, "unknown");

    [LoggerMessage(Level = LogLevel.Information, Message = "MongoDB grain storage {Name} uses {Servers}, database {Database}, collection {Collection}")]
    private partial void LogOpened(string name, string servers, string database, string collection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MongoDB grain storage {Name} could not create its indexes at start-up, will try again on first use: {Reason}")]
    private partial void LogIndexesDeferred(string name, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {Operation} {What} in MongoDB grain storage {Name} (attempt {Attempt} of {MaxAttempts}), retrying in {Delay}: {ErrorType} {Error}")]
    private partial void LogRetrying(string operation, string what, string name, int attempt, int maxAttempts, TimeSpan delay, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not {Operation} {What} in MongoDB grain storage {Name} after {Attempts} attempt(s)")]
    private partial void LogStorageFailed(Exception exception, string operation, string what, string name, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped trying to {Operation} {What} in MongoDB grain storage {Name} at the caller's deadline after {Attempts} attempt(s)")]
    private partial void LogDeadlinePassed(string operation, string what, string name, int attempts);

    [LoggerMessage(Level = LogLevel.Debug, Message = "First write of {GrainId} in MongoDB grain storage {Name} found the id taken")]
    private partial void LogDuplicateFirstWrite(string grainId, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Version conflict on {GrainId} in MongoDB grain storage {Name}: stored ETag {Stored}, expected {Expected}")]
    private partial void LogConflict(GrainId grainId, string name, string stored, string expected);
}
