using Loans.Grains.Verification.Rules;

namespace Loans.Tests.Infrastructure;

/// <summary>Customers for tests: the seed's Anna Kowalska, and valid people born on any date.</summary>
public static class Customers
{
    public static readonly Guid AnnaUuid = Guid.Parse("33d2f13c-6d96-4883-9871-1e158ced00f2");

    public static Customer Anna => new(AnnaUuid, new Person("Anna", "Kowalska", "86110302148", Gender.Female, new DateOnly(1986, 11, 3)));

    /// <summary>A person whose PESEL, gender and date of birth agree, so only the rule under test can fail.</summary>
    public static Customer BornOn(DateOnly dateOfBirth, Gender gender = Gender.Female, string name = "Anna") =>
        new(Guid.NewGuid(), new Person(name, "Kowalska", Pesel.Encode(dateOfBirth, 123, gender), gender, dateOfBirth));

    public static LoanApplication ApplicationFor(Customer customer, decimal amount = 2000m) =>
        new(Guid.NewGuid(), customer, amount, LoanApplication.DefaultInterestRate, LoanApplication.DefaultCommission, []);
}
