using Microsoft.FeatureManagement.FeatureFilters;

namespace Loans.Grains.Features.Evaluation;

/// <summary>
/// Who a toggle is evaluated for: the customer's uuid, which places them in a rollout bucket
/// (<see cref="RolloutFilter"/>). The library's <c>UserId</c> stays empty on purpose: Microsoft.FeatureManagement copies
/// it into every evaluation event it adds to the trace (<c>TargetingId</c>), and a customer's identity must not leave
/// the system through traces. Nothing here uses the library's own user or group targeting, which would need it.
/// </summary>
public sealed class CustomerTargetingContext(Guid customer) : ITargetingContext
{
    public Guid Customer { get; } = customer;

    string ITargetingContext.UserId
    {
        get => null!;
        set => throw new NotSupportedException("A customer's targeting context carries only the customer's uuid.");
    }

    IEnumerable<string> ITargetingContext.Groups
    {
        get => [];
        set => throw new NotSupportedException("A customer's targeting context carries only the customer's uuid.");
    }
}
