using Loans.Grains.Interfaces;

namespace Loans.Api.Resilience;

/// <summary>
/// What the attempts of a write told the API about storage. An attempt that failed with an answer meaning
/// "nothing stored" (the grain's cancellation before its write started, a rolled-back SQLite write) leaves
/// <see cref="MayHaveWritten"/> false; an attempt abandoned or lost on the way (no answer in time, a silo
/// that died, a MongoDB write whose answer was lost) sets it, and then a failed request cannot say "not stored".
/// </summary>
public sealed class WriteAttempts
{
    public bool MayHaveWritten { get; private set; }

    /// <summary>Records a failed attempt; <paramref name="abandoned"/> when the API stopped waiting for it.</summary>
    public void Failed(Exception exception, bool abandoned)
    {
        if (abandoned || !NothingWritten(exception))
        {
            MayHaveWritten = true;
        }
    }

    private static bool NothingWritten(Exception exception) =>
        exception is OperationCanceledException or StorageUnavailableException { NothingWritten: true };
}
