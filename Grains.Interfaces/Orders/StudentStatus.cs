namespace Loans.Grains.Interfaces.Orders;

[GenerateSerializer]
public enum StudentStatus
{
    NotStudent = 0,
    Student = 1,
}
