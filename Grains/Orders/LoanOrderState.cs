namespace Loans.Grains.Orders;

/// <summary>The persisted state of a loan-order grain: the order once it has been submitted.</summary>
[GenerateSerializer, Alias("Loans.LoanOrderState")]
public sealed class LoanOrderState
{
    [Id(0)]
    public LoanOrder? Order { get; set; }
}
