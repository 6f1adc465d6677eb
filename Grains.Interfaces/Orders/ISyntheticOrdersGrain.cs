namespace Loans.Grains.Interfaces.Orders;

/// <summary>
/// Keeps track of the synthetic orders smoke tests create in production, so an operator can list and purge
/// them whatever the storage. One per cluster (key 0).
/// </summary>
[Alias("Loans.ISyntheticOrdersGrain")]
public interface ISyntheticOrdersGrain : IGrainWithIntegerKey
{
    [Alias("Register")]
    Task Register(Guid orderId);

    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<Guid>> List();

    /// <summary>Deletes every registered synthetic order; returns how many were deleted.</summary>
    [Alias("Purge")]
    Task<int> Purge();
}
