namespace Loans.Grains.Interfaces;

/// <summary>
/// The store behind a grain could not be reached or failed. The caller may retry later. Carries only a message and
/// whether the store is sure it wrote nothing, so every client can deserialize it whatever store the silo uses.
/// </summary>
[GenerateSerializer, Alias("Loans.StorageUnavailableException")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message) : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>
    /// True when the store knows that nothing of the failed write was stored, nor will be (SQLite: the transaction
    /// was rolled back). False when it cannot know: the write may have been applied although its answer was lost
    /// (MongoDB after a dropped connection), so the caller must look before it says "not stored".
    /// </summary>
    [Id(0)]
    public bool NothingWritten { get; init; }
}
