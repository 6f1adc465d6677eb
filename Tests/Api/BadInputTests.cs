namespace Loans.Tests.Api;

/// <summary>Every kind of bad request gets a 4xx problem naming what to fix, and stores nothing.</summary>
[Collection(SystemCollection.Name)]
public class BadInputTests(LoansSystemFixture fixture)
{
    public static TheoryData<string, string, string> InvalidOrders => new()
    {
        { "malformed JSON", "{", "$" },
        { "truncated JSON", Fixtures.LoanOrderJson[..40], "customer" },
        { "a JSON array", "[]", "$" },
        { "JSON null", "null", "$" },
        { "a bare string", "\"order\"", "$" },
        { "missing customer", JsonRequests.SampleOrderWith(o => o.Remove("customer")), "customer" },
        { "customer null", JsonRequests.SampleOrderWith(o => o["customer"] = null), "customer" },
        { "missing person", JsonRequests.SampleOrderWith(o => o["customer"]!.AsObject().Remove("person")), "customer.person" },
        { "missing customer uuid", JsonRequests.SampleOrderWith(o => o["customer"]!.AsObject().Remove("uuid")), "customer.uuid" },
        { "malformed customer uuid", JsonRequests.SampleOrderWith(o => o["customer"]!["uuid"] = "33d2f13c"), "customer.uuid" },
        { "missing name", JsonRequests.SampleOrderWith(o => o.Person().Remove("name")), "customer.person.name" },
        { "name as a number", JsonRequests.SampleOrderWith(o => o.Person()["name"] = 42), "customer.person.name" },
        { "overlong surname", JsonRequests.SampleOrderWith(o => o.Person()["surname"] = new string('a', 201)), "customer.person.surname" },
        { "PESEL as a number", JsonRequests.SampleOrderWith(o => o.Person()["national_id_number"] = 86110302148), "customer.person.national_id_number" },
        { "missing gender", JsonRequests.SampleOrderWith(o => o.Person().Remove("gender")), "customer.person.gender" },
        { "unknown gender", JsonRequests.SampleOrderWith(o => o.Person()["gender"] = "OTHER"), "customer.person.gender" },
        { "gender as a number", JsonRequests.SampleOrderWith(o => o.Person()["gender"] = 1), "customer.person.gender" },
        { "unknown student status", JsonRequests.SampleOrderWith(o => o.Person()["status"] = "SUPER"), "customer.person.status" },
        { "missing date of birth", JsonRequests.SampleOrderWith(o => o.Person().Remove("date_of_birth")), "customer.person.date_of_birth" },
        { "impossible date", JsonRequests.SampleOrderWith(o => o.Person()["date_of_birth"] = "1986-02-30"), "customer.person.date_of_birth" },
        { "non-ISO date", JsonRequests.SampleOrderWith(o => o.Person()["date_of_birth"] = "03/11/1986"), "customer.person.date_of_birth" },
        { "amount as a string", JsonRequests.SampleOrderWith(o => o["amount"] = "2000"), "amount" },
        { "negative amount", JsonRequests.SampleOrderWith(o => o["amount"] = -1), "amount" },
        { "zero amount", JsonRequests.SampleOrderWith(o => o["amount"] = 0), "amount" },
        { "absurd amount", JsonRequests.SampleOrderWith(o => o["amount"] = 1e12), "amount" },
        { "number too big for a decimal", Fixtures.LoanOrderJson.Replace("2000", "1e400", StringComparison.Ordinal), "amount" },
        { "interest rate above 100%", JsonRequests.SampleOrderWith(o => o["interest_rate"] = 5), "interest_rate" },
        { "negative commission", JsonRequests.SampleOrderWith(o => o["commission"] = -5), "commission" },
        { "promotion without a name", JsonRequests.SampleOrderWith(o => o["promotions"] = System.Text.Json.Nodes.JsonNode.Parse("[{\"discount\": 10}]")), "promotions[0].name" },
        { "promotions not a list", JsonRequests.SampleOrderWith(o => o["promotions"] = "none"), "promotions" },
        { "misspelt field", JsonRequests.SampleOrderWith(o => o["ammount"] = 10), "ammount" },
        { "status set by the client", JsonRequests.SampleOrderWith(o => o["status"] = "APPROVED"), "status" },
        { "deep nesting", new string('[', 5000) + new string(']', 5000), "$" },
    };

    [Theory]
    [MemberData(nameof(InvalidOrders))]
    public async Task An_invalid_order_is_400_naming_the_field_and_stores_nothing(string why, string body, string field)
    {
        var before = await StoredOrders.Count(fixture.System);

        using var response = await fixture.Anonymous.PostJson("/orders", body);

        var problem = await Problem.Assert(response, HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.Any(e => e.Key.StartsWith(field, StringComparison.Ordinal)), $"{why}: expected an error on '{field}', got {problem}");
        Assert.Equal(before, await StoredOrders.Count(fixture.System));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task A_body_that_is_not_json_is_415(string mediaType)
    {
        using var response = await fixture.Anonymous.PostAsync("/orders", JsonRequests.Json(Fixtures.LoanOrderJson, mediaType));

        await Problem.Assert(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_request_without_a_body_is_a_4xx_problem()
    {
        using var response = await fixture.Anonymous.PostAsync("/orders", null);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_huge_body_is_413_and_stores_nothing()
    {
        var before = await StoredOrders.Count(fixture.System);
        var huge = JsonRequests.SampleOrderWith(o => o.Person()["surname"] = new string('a', 200_000));

        using var response = await fixture.Anonymous.PostJson("/orders", huge);

        await Problem.Assert(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await StoredOrders.Count(fixture.System));
    }

    [Fact]
    public async Task An_invalid_customer_for_verification_is_400()
    {
        using var response = await fixture.Anonymous.PostJson("/customers/verify", "{\"uuid\": \"33d2f13c-6d96-4883-9871-1e158ced00f2\"}");

        await Problem.Assert(response, HttpStatusCode.BadRequest, field: "person");
    }
}
