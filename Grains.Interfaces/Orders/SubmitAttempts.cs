using Orleans.Runtime;

namespace Loans.Grains.Interfaces.Orders;

/// <summary>
/// Tells an order grain that a <see cref="ILoanOrderGrain.Submit"/> is sent again by the caller's retry policy. A
/// first submit of a new id skips the storage read (nothing can be stored yet); a retry reads first, because an
/// earlier attempt may have stored the order meanwhile, and the order must then be answered, not verified again.
/// Carried in Orleans' request context so the grain interface and its wire format stay as they are.
/// </summary>
public static class SubmitAttempts
{
    public const string RetryKey = "loans.submit.retry";

    /// <summary>Marks the grain calls made from here on in this async flow as retries.</summary>
    public static void MarkRetry() => RequestContext.Set(RetryKey, true);

    public static bool IsRetry() => RequestContext.Get(RetryKey) is true;
}
