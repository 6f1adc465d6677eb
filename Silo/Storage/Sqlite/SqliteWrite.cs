namespace Loans.Silo.Storage.Sqlite;

internal enum SqliteWriteKind
{
    Insert,
    Update,
    Delete,

    /// <summary>Deletes up to <see cref="SqliteWrite.ExpiryBatchSize"/> rows last written before the cutoff.</summary>
    Expire,
}

/// <summary>
/// One write waiting for the group commit; completes with the new ETag (null after a delete), or for an expiry
/// with the number of rows it removed.
/// </summary>
internal sealed class SqliteWrite(string table, SqliteWriteKind kind, string grainId, string stateName, long? expectedEtag, string? document)
{
    /// <summary>Rows one expiry removes, so it never holds the write lock for long.</summary>
    public const int ExpiryBatchSize = 1000;

    /// <summary>Removes rows not written since <paramref name="cutoff"/>, in the writer's turn like any write.</summary>
    public static SqliteWrite Expiry(string table, DateTimeOffset cutoff) =>
        new(table, SqliteWriteKind.Expire, "", "", null, null) { Cutoff = SqliteTimestamp.Format(cutoff) };


    public string Table { get; } = table;
    public SqliteWriteKind Kind { get; } = kind;
    public string GrainId { get; } = grainId;
    public string StateName { get; } = stateName;
    public long? ExpectedEtag { get; } = expectedEtag;
    public string? Document { get; } = document;

    public string? Cutoff { get; private init; }

    public TaskCompletionSource<long?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
