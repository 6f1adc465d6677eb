namespace Loans.Silo.Storage;

/// <summary>Which store keeps loan orders and idempotency keys.</summary>
public enum GrainStorageProvider
{
    /// <summary>An embedded SQLite file: durable, nothing to install. The default.</summary>
    Sqlite,

    /// <summary>In memory: lost when the silo stops. For tests and throw-away demos.</summary>
    Memory,

    /// <summary>A MongoDB server or replica set (<c>GrainStorage:MongoDb</c>): one readable document per grain.</summary>
    MongoDb,

    /// <summary>
    /// Orleans' own ADO.NET storage over a SQLite file (<c>GrainStorage:AdoNetSqlite</c>): the choice a user would
    /// otherwise make, kept to measure ours against (docs/performance.md).
    /// </summary>
    AdoNetSqlite,
}
