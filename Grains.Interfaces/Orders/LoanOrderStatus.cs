namespace Loans.Grains.Interfaces.Orders;

[GenerateSerializer]
public enum LoanOrderStatus
{
    New = 0,
    Verified = 1,
    Approved = 2,
    Rejected = 3,
}
