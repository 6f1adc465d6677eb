namespace Loans.Grains.Interfaces.Orders;

/// <summary>The natural person behind a customer, as the fraud checks see them.</summary>
[GenerateSerializer, Immutable, Alias("Loans.Person")]
public sealed record Person(
    [property: Id(0)] string Name,
    [property: Id(1)] string Surname,
    [property: Id(2)] string NationalIdNumber,
    [property: Id(3)] Gender Gender,
    [property: Id(4)] DateOnly DateOfBirth,
    [property: Id(5)] StudentStatus Status = StudentStatus.NotStudent);
