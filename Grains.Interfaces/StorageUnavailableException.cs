namespace Loans.Grains.Interfaces;

/// <summary>
/// The store behind a grain could not be reached or failed, so nothing was read or written. The caller may
/// retry later. Carries only a message, so every client can deserialize it whatever store the silo uses.
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
}
