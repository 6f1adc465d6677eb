using System.Text.Json;
using Loans.Grains.Orders;
using Loans.Silo.Storage;

namespace Loans.Tests.Persistence.Conformance;

/// <summary>Loan-order states as the grains store them, with the values that are easy to get subtly wrong.</summary>
public static class SampleStates
{
    /// <summary>
    /// A verified order whose date has an offset and ticks below a millisecond, an amount with trailing
    /// zeros, a birth date and two promotions: everything a store must give back to the last digit.
    /// </summary>
    public static LoanOrderState Order(decimal amount = 2000.00m, string name = "Anna", LoanOrderStatus status = LoanOrderStatus.Verified) => new()
    {
        Order = new LoanOrder(
            Guid.NewGuid(),
            Guid.NewGuid(),
            new Customer(Guid.NewGuid(), new Person(name, "Kowalska", "86110302148", Gender.Female, new DateOnly(1986, 11, 3), StudentStatus.Student)),
            new DateTimeOffset(2026, 11, 29, 3, 14, 15, TimeSpan.FromHours(2)).AddTicks(9_265_358),
            amount,
            0.0725m,
            12.50m,
            new[] { new Promotion("Black Friday", 0.10m), new Promotion("Loyal customer", 0.025m) },
            status),
    };

    /// <summary>An order carrying about one mebibyte of promotions.</summary>
    public static LoanOrderState Large()
    {
        var order = Order();
        var promotions = Enumerable.Range(0, 8_000)
            .Select(i => new Promotion($"Promotion {i:D5} " + new string('x', 100), i / 10_000m))
            .ToArray();
        return new LoanOrderState { Order = order.Order! with { Promotions = promotions } };
    }

    /// <summary>The state as the API would show it: equal text means equal values, decimal scale and offsets included.</summary>
    public static string Text<T>(T state) => JsonSerializer.Serialize(state, StateDocumentJson.Options);
}
