using System.Text.Json;
using Loans.Api.Http;
using Loans.Api.Orders;
using Microsoft.AspNetCore.Http;

namespace Loans.Tests.Api.Requests;

/// <summary>
/// JSON the deserializer cannot map onto an order is a 400 naming the field as the client spelt it
/// ("customer.person.gender", "promotions[0].discount"), with a hint of what that field expects.
/// </summary>
public class MalformedBodyTests
{
    private const string Malformed = "The JSON is malformed or a value has the wrong type here.";

    private static async Task<string[]> ErrorsFor(string body) =>
        RequestReading.ErrorsOf(await RequestReading.Read<LoanOrderRequest>(body));

    public static TheoryData<string, string> WrongValues => new()
    {
        { JsonRequests.SampleOrderWith(o => o.Person()["gender"] = 1), "customer.person.gender: The value is not valid. Expected MALE or FEMALE." },
        { JsonRequests.SampleOrderWith(o => o.Person()["gender"] = "OTHER"), "customer.person.gender: The value is not valid. Expected MALE or FEMALE." },
        { JsonRequests.SampleOrderWith(o => o.Person()["date_of_birth"] = "1986-02-30"), "customer.person.date_of_birth: The value is not valid. Expected an ISO date such as 1986-11-03." },
        { JsonRequests.SampleOrderWith(o => o.Person()["status"] = "SUPER"), "customer.person.status: The value is not valid. Expected STUDENT or NOT_STUDENT." },
        { JsonRequests.SampleOrderWith(o => o["customer"]!["uuid"] = "33d2f13c"), "customer.uuid: The value is not valid. Expected a UUID such as 33d2f13c-6d96-4883-9871-1e158ced00f2." },
        { JsonRequests.SampleOrderWith(o => o["amount"] = "2000"), "amount: The value is not valid. Expected a JSON number." },
        { JsonRequests.SampleOrderWith(o => o["interest_rate"] = "0.05"), "interest_rate: The value is not valid. Expected a JSON number." },
        { JsonRequests.SampleOrderWith(o => o["commission"] = true), "commission: The value is not valid. Expected a JSON number." },
        { JsonRequests.SampleOrderWith(o => o["promotions"] = JsonNodeOf("""[{"name": "Black Friday", "discount": "10"}]""")), "promotions[0].discount: The value is not valid. Expected a JSON number." },
    };

    [Theory]
    [MemberData(nameof(WrongValues))]
    public async Task A_value_of_the_wrong_type_or_format_names_the_field_and_what_it_expects(string body, string error) =>
        Assert.Equal([error], await ErrorsFor(body));

    [Fact]
    public async Task A_switch_that_is_not_a_boolean_asks_for_true_or_false()
    {
        var result = await RequestReading.Read<Switch>("""{"enabled": "yes"}""");

        Assert.Equal(["enabled: The value is not valid. Expected true or false."], RequestReading.ErrorsOf(result));
    }

    [Fact]
    public async Task A_wrong_type_in_a_field_with_no_hint_is_called_malformed_at_that_field() =>
        Assert.Equal([$"customer.person.name: {Malformed}"], await ErrorsFor(JsonRequests.SampleOrderWith(o => o.Person()["name"] = 42)));

    [Fact]
    public async Task A_body_cut_off_inside_a_date_is_malformed_json_not_a_bad_date()
    {
        var body = """{"customer": {"person": {"date_of_birth": "1986-11""";

        var errors = await ErrorsFor(body);

        Assert.Equal([$"customer.person.date_of_birth: {Malformed}"], errors);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("\"order\"")]
    [InlineData("42")]
    public async Task Json_that_is_not_an_object_is_malformed_at_the_root(string body) =>
        Assert.Equal([$"$: {Malformed}"], await ErrorsFor(body));

    [Fact]
    public async Task A_misspelt_field_is_named_and_called_unknown() =>
        Assert.Equal(
            ["ammount: This field is not part of the request; check its spelling."],
            await ErrorsFor(JsonRequests.SampleOrderWith(o => o["ammount"] = 10)));

    [Fact]
    public async Task A_field_whose_name_needs_quoting_is_named_without_the_quoting() =>
        Assert.Equal(
            ["am ount: This field is not part of the request; check its spelling."],
            await ErrorsFor(JsonRequests.SampleOrderWith(o => o["am ount"] = 10)));

    [Fact]
    public async Task A_nested_field_whose_name_needs_quoting_is_named_by_its_dotted_path() =>
        Assert.Equal(
            ["customer.person.nm ae: This field is not part of the request; check its spelling."],
            await ErrorsFor(JsonRequests.SampleOrderWith(o => o.Person()["nm ae"] = "Anna")));

    [Fact]
    public async Task A_nested_misspelt_field_is_named_by_its_whole_path() =>
        Assert.Equal(
            ["customer.person.nmae: This field is not part of the request; check its spelling."],
            await ErrorsFor(JsonRequests.SampleOrderWith(o => o.Person()["nmae"] = "Anna")));

    [Fact]
    public async Task A_member_sent_twice_is_refused_rather_than_one_of_them_silently_winning()
    {
        var body = Fixtures.LoanOrderJson.TrimEnd().TrimEnd('}') + ", \"amount\": 1}";

        var errors = await ErrorsFor(body);

        Assert.Equal(["amount: This member appears more than once; send each name once."], errors);
    }

    [Fact]
    public async Task Nesting_deeper_than_16_levels_is_refused_whatever_is_being_read()
    {
        var atLimit = await RequestReading.Read<Dictionary<string, JsonElement>>(Nested(16));
        var overLimit = await RequestReading.Read<Dictionary<string, JsonElement>>(Nested(17));

        Assert.Null(atLimit.Problem);
        Assert.Equal(StatusCodes.Status400BadRequest, RequestReading.ProblemOf(overLimit).StatusCode);
    }

    [Fact]
    public void A_deserializer_error_without_a_path_is_reported_on_the_whole_body() =>
        Assert.Equal([$"$: {Malformed}"], RequestReading.Lines(Errors(Problems.Malformed(new JsonException("no path")))));

    [Fact]
    public void Several_errors_are_listed_in_the_detail_field_by_field()
    {
        var problem = Problems.Invalid(new Dictionary<string, string[]> { ["amount"] = ["Too small.", "Not round."], ["customer"] = ["Is required."] });

        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal("The request is invalid.", problem.ProblemDetails.Title);
        Assert.Equal("amount: Too small. Not round. customer: Is required.", problem.ProblemDetails.Detail);
    }

    [Fact]
    public void An_unknown_resource_is_a_404_problem_with_the_detail_given()
    {
        var problem = Problems.NotFound("There is no loan order 42.");

        Assert.Equal(StatusCodes.Status404NotFound, problem.StatusCode);
        Assert.Equal("Not found.", problem.ProblemDetails.Title);
        Assert.Equal("There is no loan order 42.", problem.ProblemDetails.Detail);
    }

    /// <summary>A body of the shape the toggle API reads: the hint for "enabled" belongs to it.</summary>
    public sealed record Switch(bool? Enabled);

    private static IDictionary<string, string[]> Errors(Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult problem) =>
        Assert.IsType<HttpValidationProblemDetails>(problem.ProblemDetails).Errors;

    private static System.Text.Json.Nodes.JsonNode JsonNodeOf(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!;

    /// <summary>An object whose members nest <paramref name="depth"/> levels deep in all: {"a":{"a":...{}}}.</summary>
    private static string Nested(int depth) =>
        string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "{}" + new string('}', depth - 1);
}
