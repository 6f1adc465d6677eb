using MongoDB.Bson;
using MongoDB.Driver;

namespace Loans.Silo.Storage.MongoDb;

/// <summary>
/// The indexes of one storage's collection: an ascending index per <see cref="MongoDbGrainStorageOptions.IndexedFields"/>
/// entry and the TTL index of <see cref="MongoDbGrainStorageOptions.ExpireAfter"/>. Ensured before the operation that
/// finds them due (<see cref="MongoDbIndexSchedule"/>), one caller at a time.
/// </summary>
internal sealed partial class MongoDbIndexes(string name, MongoDbGrainStorageOptions options, TimeProvider clock, ILogger logger)
{
    /// <summary>MongoDB's error when an index exists under the same name and keys with other options.</summary>
    private const int IndexOptionsConflict = 85;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly string collectionName = options.CollectionName(name);

    public MongoDbIndexSchedule Schedule { get; } = new(options.IndexCheckInterval, clock);

    private bool None => options.IndexedFields.Count == 0 && options.ExpireAfter is null;

    /// <summary>
    /// Creates the indexes when due. <paramref name="retrying"/> runs the creation with the storage's retries; a
    /// non-transient refusal (an index of the same name with other keys made by hand) is logged, not fatal: reads
    /// and writes work without our indexes.
    /// </summary>
    public async Task EnsureIfDue(IMongoCollection<BsonDocument> collection, Func<Func<Task<bool>>, Task<bool>> retrying, CancellationToken cancellationToken = default)
    {
        if (None || !Schedule.IsDue)
        {
            return;
        }

        // Another caller may be creating them against an unreachable server: a caller whose deadline passes meanwhile
        // stops waiting (its own operation has not started).
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!Schedule.IsDue)
            {
                return;
            }

            var startedAt = clock.GetUtcNow();
            await retrying(async () =>
            {
                startedAt = clock.GetUtcNow();
                try
                {
                    await Create(collection);
                }
                catch (MongoCommandException exception) when (!MongoDbGrainStorage.IsTransient(exception))
                {
                    LogIndexesFailed(exception, name, collectionName);
                }

                return true;
            });
            Schedule.Ensured(startedAt);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task Create(IMongoCollection<BsonDocument> collection)
    {
        var models = options.IndexedFields.Select(field => new CreateIndexModel<BsonDocument>(
            Builders<BsonDocument>.IndexKeys.Ascending(field),
            new CreateIndexOptions { Name = $"ix_{field.Replace('.', '_')}" })).ToList();
        if (models.Count > 0)
        {
            await collection.Indexes.CreateManyAsync(models);
            LogIndexesReady(name, collectionName, string.Join(", ", options.IndexedFields));
        }

        if (options.ExpireAfter is { } expireAfter)
        {
            await EnsureExpiryIndex(collection, expireAfter);
        }
    }

    /// <summary>
    /// The TTL index that deletes documents not written for <paramref name="expireAfter"/>. One made earlier with
    /// another lifetime is changed in place (collMod), so a new retention takes effect without a migration.
    /// </summary>
    private async Task EnsureExpiryIndex(IMongoCollection<BsonDocument> collection, TimeSpan expireAfter)
    {
        var model = new CreateIndexModel<BsonDocument>(
            Builders<BsonDocument>.IndexKeys.Ascending(MongoDbStateDocument.UpdatedAt),
            new CreateIndexOptions { Name = MongoDbStateDocument.ExpiryIndexName, ExpireAfter = expireAfter });
        try
        {
            await collection.Indexes.CreateOneAsync(model);
        }
        catch (MongoCommandException exception) when (exception.Code is IndexOptionsConflict)
        {
            await collection.Database.RunCommandAsync<BsonDocument>(new BsonDocument
            {
                { "collMod", collectionName },
                { "index", new BsonDocument { { "name", MongoDbStateDocument.ExpiryIndexName }, { "expireAfterSeconds", (long)expireAfter.TotalSeconds } } },
            });
        }

        LogExpiryIndexReady(name, collectionName, expireAfter);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MongoDB grain storage {Name} ensured indexes on {Collection}: {Fields}")]
    private partial void LogIndexesReady(string name, string collection, string fields);

    [LoggerMessage(Level = LogLevel.Information, Message = "MongoDB grain storage {Name}: documents of {Collection} not written for {ExpireAfter} are deleted (TTL index)")]
    private partial void LogExpiryIndexReady(string name, string collection, TimeSpan expireAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "MongoDB grain storage {Name} could not create its indexes on {Collection}; it works without them, but queries by those fields scan")]
    private partial void LogIndexesFailed(Exception exception, string name, string collection);
}
