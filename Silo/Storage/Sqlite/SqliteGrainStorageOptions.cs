namespace Loans.Silo.Storage.Sqlite;

/// <summary>An embedded, durable grain storage in one SQLite file. Section <c>GrainStorage:Sqlite</c>.</summary>
public sealed class SqliteGrainStorageOptions
{
    public const string SectionName = "GrainStorage:Sqlite";

    /// <summary>Path of the database file; relative paths are relative to the working directory.</summary>
    public string DataSource { get; set; } = "data/loans.db";

    /// <summary>Full (default) flushes every commit; Normal trades the last commits on power loss for speed.</summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Full;

    /// <summary>The most writes one transaction commits together.</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>How long a statement waits for a lock held by another process before it fails.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Bytes of the database file that reads see through a memory map instead of a read system call per page;
    /// 0 (default) turns it off. In WAL mode SQLite's page cache does not survive another connection's commit,
    /// so a map can spare reads under write load their system calls, but mapped pages count in RSS, the map is
    /// redone as the file grows, and with 256 MiB it measured slower for POST and no faster for cold reads
    /// (docs/performance.md).
    /// </summary>
    public long MemoryMapSize { get; set; }

    /// <summary>The table for this provider's grain states; defaults to the provider's name.</summary>
    public string? TableName { get; set; }

    /// <summary>
    /// Extra columns computed from the JSON state document (column name → JSON path), so rows are readable
    /// and searchable in any SQLite tool. They are virtual: they cost nothing on write.
    /// </summary>
    public Dictionary<string, string> ReadableColumns { get; set; } = [];

    /// <summary>Columns from <see cref="ReadableColumns"/> that get an index.</summary>
    public List<string> IndexedColumns { get; set; } = [];

    /// <summary>
    /// Rows not written for this long are deleted (null: never). Set per storage by the code that registers it,
    /// for states that mean nothing once old, such as used idempotency keys; never for orders.
    /// </summary>
    public TimeSpan? ExpireAfter { get; set; }

    /// <summary>How often expired rows are looked for, when <see cref="ExpireAfter"/> is set.</summary>
    public TimeSpan ExpiryInterval { get; set; } = TimeSpan.FromHours(1);
}
