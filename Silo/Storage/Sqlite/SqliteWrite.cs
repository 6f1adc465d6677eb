namespace Loans.Silo.Storage.Sqlite;

internal enum SqliteWriteKind
{
    Insert,
    Update,
    Delete,
}

/// <summary>One write waiting for the group commit; completes with the new ETag (null after a delete).</summary>
internal sealed class SqliteWrite(string table, SqliteWriteKind kind, string grainId, string stateName, long? expectedEtag, string? document)
{
    public string Table { get; } = table;
    public SqliteWriteKind Kind { get; } = kind;
    public string GrainId { get; } = grainId;
    public string StateName { get; } = stateName;
    public long? ExpectedEtag { get; } = expectedEtag;
    public string? Document { get; } = document;

    public TaskCompletionSource<long?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
