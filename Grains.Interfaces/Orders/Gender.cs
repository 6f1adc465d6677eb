namespace Loans.Grains.Interfaces.Orders;

[GenerateSerializer]
public enum Gender
{
    Male = 1,
    Female = 2,
}
