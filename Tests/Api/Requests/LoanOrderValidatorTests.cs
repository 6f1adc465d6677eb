using System.Globalization;
using Loans.Api.Orders;

namespace Loans.Tests.Api.Requests;

/// <summary>
/// The validator at each edge of each range, naming each field exactly as the client spelt it and saying what
/// to send instead. Every test compares the whole answer, so a wrong name, message or extra error fails it.
/// </summary>
public class LoanOrderValidatorTests
{
    private const string Required = "Is required.";
    private const string AmountRange = "Must be greater than 0 and at most 100000000.";
    private const string MoneyRange = "Must be between 0 and 100000000.";
    private const string RateRange = "Must be between 0 and 1 (0.05 means 5%).";

    private static readonly PersonRequest Anna = new("Anna", "Kowalska", "86110302148", Gender.Female, new DateOnly(1986, 11, 3), StudentStatus.NotStudent);

    private static LoanOrderRequest Order(
        decimal? amount = 2000m, decimal? interestRate = 0.05m, decimal? commission = 10m, IReadOnlyList<PromotionRequest?>? promotions = null) =>
        new(Guid.NewGuid(), new CustomerRequest(Customers.AnnaUuid, Anna), amount, interestRate, commission, promotions ?? [new PromotionRequest("Black Friday", 10m)]);

    private static string[] ErrorsOf(LoanOrderRequest order) => RequestReading.Lines(LoanOrderValidator.Validate(order));

    private static string[] Expected(bool valid, string error) => valid ? [] : [error];

    private static decimal Money(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    [Fact]
    public void A_complete_order_is_valid() =>
        Assert.Empty(ErrorsOf(Order()));

    [Fact]
    public void Amount_interest_rate_commission_and_promotions_may_be_left_out()
    {
        var order = new LoanOrderRequest(null, new CustomerRequest(Customers.AnnaUuid, Anna), null, null, null, null);

        Assert.Empty(ErrorsOf(order));
    }

    [Theory]
    [InlineData("-0.01", false)]
    [InlineData("0", false)]
    [InlineData("0.01", true)]
    [InlineData("100000000", true)]
    [InlineData("100000000.01", false)]
    public void The_amount_is_more_than_0_and_at_most_100_million(string amount, bool valid) =>
        Assert.Equal(Expected(valid, $"amount: {AmountRange}"), ErrorsOf(Order(amount: Money(amount))));

    [Theory]
    [InlineData("-0.0001", false)]
    [InlineData("0", true)]
    [InlineData("1", true)]
    [InlineData("1.0001", false)]
    public void The_interest_rate_is_a_fraction_from_0_to_1(string rate, bool valid) =>
        Assert.Equal(Expected(valid, $"interest_rate: {RateRange}"), ErrorsOf(Order(interestRate: Money(rate))));

    [Theory]
    [InlineData("-0.01", false)]
    [InlineData("0", true)]
    [InlineData("100000000", true)]
    [InlineData("100000000.01", false)]
    public void The_commission_is_from_0_to_100_million(string commission, bool valid) =>
        Assert.Equal(Expected(valid, $"commission: {MoneyRange}"), ErrorsOf(Order(commission: Money(commission))));

    [Fact]
    public void Every_range_error_is_reported_at_once()
    {
        var order = Order(amount: 0m, interestRate: 2m, commission: -1m);

        Assert.Equal([$"amount: {AmountRange}", $"commission: {MoneyRange}", $"interest_rate: {RateRange}"], ErrorsOf(order));
    }

    [Fact]
    public void An_order_without_a_customer_names_the_customer()
    {
        var order = Order() with { Customer = null };

        Assert.Equal([$"customer: {Required}"], ErrorsOf(order));
    }

    [Fact]
    public void A_customer_without_uuid_and_person_names_both()
    {
        var order = Order() with { Customer = new CustomerRequest(null, null) };

        Assert.Equal([$"customer.person: {Required}", $"customer.uuid: {Required}"], ErrorsOf(order));
    }

    [Fact]
    public void A_person_with_nothing_in_it_names_every_missing_field_and_what_to_send()
    {
        var order = Order() with { Customer = new CustomerRequest(Customers.AnnaUuid, new PersonRequest(null, null, null, null, null, null)) };

        Assert.Equal(
            [
                "customer.person.date_of_birth: Is required: an ISO date such as 1986-11-03.",
                "customer.person.gender: Is required: MALE or FEMALE.",
                $"customer.person.name: {Required}",
                $"customer.person.national_id_number: {Required}",
                $"customer.person.surname: {Required}",
            ],
            ErrorsOf(order));
    }

    [Fact]
    public void The_student_status_may_be_left_out()
    {
        var order = Order() with { Customer = new CustomerRequest(Customers.AnnaUuid, Anna with { Status = null }) };

        Assert.Empty(ErrorsOf(order));
    }

    [Fact]
    public void Empty_texts_are_a_valid_request_for_the_fraud_checks_to_reject()
    {
        var order = Order() with { Customer = new CustomerRequest(Customers.AnnaUuid, Anna with { Name = "", Surname = "", NationalIdNumber = "" }) };

        Assert.Empty(ErrorsOf(order));
    }

    [Fact]
    public void Texts_of_200_characters_are_accepted()
    {
        var text = new string('a', 200);
        var order = Order(promotions: [new PromotionRequest(text, 1m)]) with
        {
            Customer = new CustomerRequest(Customers.AnnaUuid, Anna with { Name = text, Surname = text, NationalIdNumber = text }),
        };

        Assert.Empty(ErrorsOf(order));
    }

    [Fact]
    public void Texts_of_201_characters_are_refused_each_by_its_name()
    {
        var text = new string('a', 201);
        var order = Order(promotions: [new PromotionRequest(text, 1m)]) with
        {
            Customer = new CustomerRequest(Customers.AnnaUuid, Anna with { Name = text, Surname = text, NationalIdNumber = text }),
        };

        Assert.Equal(
            [
                "customer.person.name: At most 200 characters.",
                "customer.person.national_id_number: At most 200 characters.",
                "customer.person.surname: At most 200 characters.",
                "promotions[0].name: At most 200 characters.",
            ],
            ErrorsOf(order));
    }

    [Fact]
    public void Twenty_promotions_are_accepted()
    {
        var promotions = Enumerable.Range(0, 20).Select(i => (PromotionRequest?)new PromotionRequest($"P{i}", 1m)).ToArray();

        Assert.Empty(ErrorsOf(Order(promotions: promotions)));
    }

    [Fact]
    public void Twenty_one_promotions_are_refused_as_a_list()
    {
        var promotions = Enumerable.Range(0, 21).Select(i => (PromotionRequest?)new PromotionRequest($"P{i}", 1m)).ToArray();

        Assert.Equal(["promotions: At most 20 promotions."], ErrorsOf(Order(promotions: promotions)));
    }

    [Fact]
    public void Each_promotion_is_checked_and_named_by_its_position()
    {
        PromotionRequest?[] promotions =
        [
            new PromotionRequest("Fine", 5m),
            null,
            new PromotionRequest(null, 1m),
            new PromotionRequest("", 1m),
            new PromotionRequest("No discount", null),
            new PromotionRequest("Negative", -0.01m),
            new PromotionRequest("Free", 0m),
            new PromotionRequest("Everything", 100_000_000m),
            new PromotionRequest("Too much", 100_000_000.01m),
        ];

        Assert.Equal(
            [
                $"promotions[1]: {Required}",
                $"promotions[2].name: {Required}",
                $"promotions[3].name: {Required}",
                $"promotions[4].discount: {Required}",
                $"promotions[5].discount: {MoneyRange}",
                $"promotions[8].discount: {MoneyRange}",
            ],
            ErrorsOf(Order(promotions: promotions)));
    }

    [Fact]
    public void A_customer_sent_for_verification_is_named_without_a_prefix()
    {
        var errors = LoanOrderValidator.Validate(new CustomerRequest(null, Anna with { Gender = null }));

        Assert.Equal(["person.gender: Is required: MALE or FEMALE.", $"uuid: {Required}"], RequestReading.Lines(errors));
    }

    [Fact]
    public void A_customer_sent_for_verification_without_a_person_names_the_person()
    {
        var errors = LoanOrderValidator.Validate(new CustomerRequest(Customers.AnnaUuid, null));

        Assert.Equal([$"person: {Required}"], RequestReading.Lines(errors));
    }

    [Fact]
    public void A_complete_customer_sent_for_verification_is_valid() =>
        Assert.Empty(LoanOrderValidator.Validate(new CustomerRequest(Customers.AnnaUuid, Anna)));
}
