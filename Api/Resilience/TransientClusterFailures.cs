using Loans.Grains.Interfaces;
using Orleans.Runtime.Messaging;
using Orleans.Storage;
using Polly.Timeout;

namespace Loans.Api.Resilience;

/// <summary>
/// Failures worth sending the same grain call again: the cluster or its storage could not take it just now. Safe
/// because every call the API retries is a read or idempotent (an order's Submit with the same id returns the
/// stored order; a claim with the same key and id answers the same claim). Not retried: anything the grains
/// decided (validation, conflicts), and cancellation, which is how a grain says the deadline has passed.
/// </summary>
public static class TransientClusterFailures
{
    public static bool Is(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            switch (exception)
            {
                case InconsistentStateException:
                    return false;
                case SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException
                    or GatewayTooBusyException or TimeoutException or TimeoutRejectedException or StorageUnavailableException:
                    return true;
                // The runtime's own "try again" faults (a grain directory that is not stable while membership changes,
                // forwarding that failed) are plain OrleansExceptions; subclasses say something more specific.
                case OrleansException when exception.GetType() == typeof(OrleansException):
                    return true;
            }
        }

        return false;
    }
}
