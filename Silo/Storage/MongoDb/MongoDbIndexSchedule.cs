using MongoDB.Driver;

namespace Loans.Silo.Storage.MongoDb;

/// <summary>
/// When a storage ensures its indexes again. Creating them is idempotent and cheap, but a database can be dropped
/// or restored from a backup while the silo runs, and MongoDB then creates the collection again on the next write,
/// silently, without them (and without the TTL index that expires idempotency keys). Nothing in a successful
/// write says so; hence a timer, plus the failures after which the server that answers next may be another one.
/// </summary>
internal sealed class MongoDbIndexSchedule(TimeSpan interval, TimeProvider clock)
{
    /// <summary>MongoDB's "ns not found": the collection or database is gone.</summary>
    internal const int NamespaceNotFound = 26;

    /// <summary>MongoDB's "index not found".</summary>
    internal const int IndexNotFound = 27;

    private readonly Lock gate = new();
    private DateTimeOffset? ensuredAt;

    /// <summary>True before the first success, after <c>interval</c> has passed since the last one, and after a failure that says indexes may be missing.</summary>
    public bool IsDue
    {
        get
        {
            lock (gate)
            {
                return ensuredAt is not { } at || clock.GetUtcNow() - at >= interval;
            }
        }
    }

    /// <summary>The indexes exist as of <paramref name="startedAt"/> (when the successful attempt began).</summary>
    public void Ensured(DateTimeOffset startedAt)
    {
        lock (gate)
        {
            ensuredAt = startedAt;
        }
    }

    /// <summary>Makes the indexes due at once when <paramref name="exception"/> says they may be missing.</summary>
    public void Observe(Exception exception)
    {
        if (!SaysIndexesMayBeMissing(exception))
        {
            return;
        }

        lock (gate)
        {
            ensuredAt = null;
        }
    }

    /// <summary>
    /// The collection or an index is reported missing; or the server could not be reached, so what answers next may
    /// be a restarted, restored or failed-over database. A conflict or a bad document says nothing about indexes.
    /// </summary>
    internal static bool SaysIndexesMayBeMissing(Exception exception) => exception switch
    {
        MongoCommandException { Code: NamespaceNotFound or IndexNotFound } => true,
        _ => MongoDbGrainStorage.IsTransient(exception),
    };
}
