namespace Loans.Grains.Interfaces.Orders;

/// <summary>One loan order, keyed by its id.</summary>
[Alias("Loans.ILoanOrderGrain")]
public interface ILoanOrderGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Verifies the customer and stores the order before answering. Submitting again (the same id, e.g. a retry
    /// whose first answer was lost) returns the stored order unchanged and writes nothing.
    /// </summary>
    /// <param name="application">The order as the client sent it.</param>
    /// <param name="cancellationToken">
    /// The caller's deadline for starting work: once it fires, a write that has not started does not start and the
    /// call ends in <see cref="OperationCanceledException"/>, which then means "not stored". A write already started
    /// completes and is answered. Callers compiled without it send none (wire-compatible).
    /// </param>
    [Alias("Submit")]
    Task<LoanOrder> Submit(LoanApplication application, CancellationToken cancellationToken = default);

    /// <summary>The stored order, or null when nothing was ever submitted under this id.</summary>
    [Alias("Get"), ReadOnly]
    Task<LoanOrder?> Get(CancellationToken cancellationToken = default);

    /// <summary>Deletes a synthetic order; refuses (returns false) for a real one, which is never deleted.</summary>
    [Alias("PurgeSynthetic")]
    Task<bool> PurgeSynthetic();
}
