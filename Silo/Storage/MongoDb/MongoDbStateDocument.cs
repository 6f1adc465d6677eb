using MongoDB.Bson;

namespace Loans.Silo.Storage.MongoDb;

/// <summary>
/// The stored shape of one grain's state: <c>_id</c> (the grain id), <c>_etag</c> (int64, 1 on the first
/// write, +1 on every write), <c>_createdAt</c>/<c>_updatedAt</c> (BSON dates), <c>_writeId</c> (which write
/// last changed it, to recognise our own write after a retry), then the state's own fields. A cleared state is
/// a tombstone: <c>_deleted: true</c>, no state fields, the ETag still counting.
/// </summary>
public static class MongoDbStateDocument
{
    public const string Id = "_id";
    public const string ETag = "_etag";
    public const string CreatedAt = "_createdAt";
    public const string UpdatedAt = "_updatedAt";
    public const string Deleted = "_deleted";
    public const string WriteId = "_writeId";

    /// <summary>The TTL index on <see cref="UpdatedAt"/> of a storage whose states expire.</summary>
    public const string ExpiryIndexName = "ttl__updatedAt";

    private static readonly HashSet<string> Reserved = [Id, ETag, CreatedAt, UpdatedAt, Deleted, WriteId];

    /// <summary>The document of a first write.</summary>
    public static BsonDocument Create<T>(string grainId, long etag, T state, DateTimeOffset now, Guid writeId)
    {
        var document = new BsonDocument
        {
            { Id, grainId },
            { ETag, etag },
            { CreatedAt, new BsonDateTime(now.UtcDateTime) },
            { UpdatedAt, new BsonDateTime(now.UtcDateTime) },
            { WriteId, writeId.ToString("D") },
        };
        document.AddRange(Fields(state));
        return document;
    }

    /// <summary>
    /// The update of a later write, or of the first write after a tombstone: replaces every state field,
    /// bumps the ETag and keeps <c>_createdAt</c> (set only if the document has none, i.e. was a tombstone).
    /// </summary>
    public static BsonDocument Update<T>(long etag, T state, DateTimeOffset now, Guid writeId)
    {
        var fields = Fields(state);
        var set = new BsonDocument
        {
            { ETag, etag },
            { UpdatedAt, new BsonDateTime(now.UtcDateTime) },
            { WriteId, writeId.ToString("D") },
        };
        set.AddRange(fields);
        var unset = new BsonDocument(Deleted, "");
        if (!fields.Contains(MongoDbStateMapper.ExactField))
        {
            unset.Add(MongoDbStateMapper.ExactField, "");
        }

        return new BsonDocument
        {
            { "$set", set },
            { "$unset", unset },
            { "$min", new BsonDocument(CreatedAt, new BsonDateTime(now.UtcDateTime)) },
        };
    }

    /// <summary>What a cleared state leaves behind, so a writer holding an ETag from before can never match again.</summary>
    public static BsonDocument Tombstone(string grainId, long etag, DateTimeOffset now, Guid writeId) => new()
    {
        { Id, grainId },
        { ETag, etag },
        { Deleted, true },
        { UpdatedAt, new BsonDateTime(now.UtcDateTime) },
        { WriteId, writeId.ToString("D") },
    };

    public static bool IsTombstone(BsonDocument document) =>
        document.TryGetValue(Deleted, out var deleted) && deleted.IsBoolean && deleted.AsBoolean;

    public static long EtagOf(BsonDocument document) => document[ETag].ToInt64();

    public static bool WrittenBy(BsonDocument document, Guid writeId) =>
        document.TryGetValue(WriteId, out var id) && id.IsString && id.AsString == writeId.ToString("D");

    /// <summary>The state kept in a live document.</summary>
    public static T ReadState<T>(BsonDocument document) =>
        MongoDbStateMapper.FromBson<T>(new BsonDocument(document.Where(e => !Reserved.Contains(e.Name))));

    private static BsonDocument Fields<T>(T state)
    {
        var fields = MongoDbStateMapper.ToBson(state, typeof(T));
        if (fields.Names.FirstOrDefault(Reserved.Contains) is { } clash)
        {
            throw new NotSupportedException($"Grain state {typeof(T)} has a member stored as '{clash}', a name MongoDB grain storage reserves for itself.");
        }

        return fields;
    }
}
