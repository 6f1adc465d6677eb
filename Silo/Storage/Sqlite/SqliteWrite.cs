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
/// with the number of rows it removed. A write is either cancelled while it waits (it then never runs) or started
/// by the writer once it holds the database's write lock (it then runs whatever happens to its caller).
/// </summary>
internal sealed class SqliteWrite(string table, SqliteWriteKind kind, string grainId, string stateName, long? expectedEtag, string? document)
{
    /// <summary>Rows one expiry removes, so it never holds the write lock for long.</summary>
    public const int ExpiryBatchSize = 1000;

    private const int Waiting = 0;
    private const int Started = 1;
    private const int Cancelled = 2;

    private int progress = Waiting;

    /// <summary>Removes rows not written since <paramref name="cutoff"/>, in the writer's turn like any write.</summary>
    // Stryker disable once String : an expiry names no grain; its DELETE has no $id or $state to bind them to
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

    /// <summary>Called by the writer when it is about to apply the write; false if it was cancelled while waiting.</summary>
    public bool TryStart() => Interlocked.CompareExchange(ref progress, Started, Waiting) == Waiting;

    /// <summary>
    /// Cancels the write if it has not started: it completes as cancelled at once and the writer skips it.
    /// Returns the registration to dispose once the write has completed.
    /// </summary>
    public CancellationTokenRegistration CancelWhen(CancellationToken cancellationToken) =>
        cancellationToken.Register(static (state, token) =>
        {
            var write = (SqliteWrite)state!;
            if (Interlocked.CompareExchange(ref write.progress, Cancelled, Waiting) == Waiting)
            {
                write.Completion.TrySetCanceled(token);
            }
        }, this);
}
