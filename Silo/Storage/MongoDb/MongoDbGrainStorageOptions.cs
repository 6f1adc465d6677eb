namespace Loans.Silo.Storage.MongoDb;

/// <summary>
/// Grain storage in MongoDB: one collection per storage name, one readable document per grain.
/// Section <c>GrainStorage:MongoDb</c>; used when <c>GrainStorage:Provider</c> is <c>MongoDb</c>.
/// </summary>
public sealed class MongoDbGrainStorageOptions
{
    public const string SectionName = "GrainStorage:MongoDb";

    /// <summary>A standard MongoDB connection string, e.g. <c>mongodb://mongo:27017</c>. Required.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The database holding the collections.</summary>
    public string Database { get; set; } = "loans";

    /// <summary>Put before every collection name, so several environments can share one database.</summary>
    public string CollectionPrefix { get; set; } = "";

    /// <summary>This storage's collection (after the prefix); defaults to the storage name.</summary>
    public string? Collection { get; set; }

    /// <summary>How often one read or write is tried when MongoDB fails transiently (1 = no retry).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before the second attempt; doubled before each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the driver looks for a usable server before an attempt fails.</summary>
    public TimeSpan ServerSelectionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the silo waits at start-up for MongoDB to answer before it exits naming this section's
    /// ConnectionString. Zero: start without waiting; operations answer "unavailable" until MongoDB is reachable.
    /// </summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the indexes (and the TTL index) are ensured again, on the next operation after this long, so a
    /// database dropped or restored while the silo runs gets them back. They are also ensured again after any
    /// failure that says the server was gone or the collection missing.
    /// </summary>
    public TimeSpan IndexCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Dotted paths of state fields that get an ascending index, created at start-up (idempotently), e.g.
    /// <c>order.status</c>. Set per storage by the code that registers it, like SQLite's IndexedColumns.
    /// </summary>
    public List<string> IndexedFields { get; set; } = [];

    /// <summary>
    /// Documents not written for this long are deleted by MongoDB through a TTL index on <c>_updatedAt</c> (null:
    /// never; MongoDB checks about once a minute). Set per storage by the code that registers it, for states that
    /// mean nothing once old, such as used idempotency keys; never for orders.
    /// </summary>
    public TimeSpan? ExpireAfter { get; set; }

    /// <summary>The collection name actually used for a storage called <paramref name="storageName"/>.</summary>
    public string CollectionName(string storageName) => CollectionPrefix + (Collection ?? storageName);
}
