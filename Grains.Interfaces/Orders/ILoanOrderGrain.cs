namespace Loans.Grains.Interfaces.Orders;

/// <summary>One loan order, keyed by its id.</summary>
[Alias("Loans.ILoanOrderGrain")]
public interface ILoanOrderGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Verifies the customer and stores the order before answering. Submitting again returns the stored
    /// order unchanged: no second verification, no second write.
    /// </summary>
    [Alias("Submit")]
    Task<LoanOrder> Submit(LoanApplication application);

    /// <summary>The stored order, or null when nothing was ever submitted under this id.</summary>
    [Alias("Get"), ReadOnly]
    Task<LoanOrder?> Get();

    /// <summary>Deletes a synthetic order; refuses (returns false) for a real one, which is never deleted.</summary>
    [Alias("PurgeSynthetic")]
    Task<bool> PurgeSynthetic();
}
