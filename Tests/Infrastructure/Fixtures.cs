namespace Loans.Tests.Infrastructure;

/// <summary>Request bodies shipped with the tests, such as the seed's loanOrder.json.</summary>
public static class Fixtures
{
    public static string LoanOrderJson => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "loanOrder.json"));
}
