using System.Text.Json;
using System.Text.Json.Nodes;

namespace Loans.Tests.Api;

[Collection(SystemCollection.Name)]
public class OrdersApiTests(LoansSystemFixture fixture)
{
    private HttpClient Api => fixture.Anonymous;

    [Fact]
    public async Task Posting_the_seed_order_creates_a_verified_order_at_its_location()
    {
        using var response = await Api.PostJson("/orders", Fixtures.LoanOrderJson);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.ReadObject();
        Assert.Equal($"/orders/{order["id"]}", response.Headers.Location?.ToString());
        Assert.Equal("VERIFIED", order["status"]!.GetValue<string>());
        Assert.Equal(2000m, order["amount"]!.GetValue<decimal>());

        var shown = await Api.GetFromJsonAsync<JsonObject>(response.Headers.Location);
        Assert.True(JsonNode.DeepEquals(order, shown));
    }

    [Fact]
    public async Task New_order_ids_are_version_7_uuids_that_sort_by_creation_time()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await Api.PostJson("/orders", Fixtures.LoanOrderJson);
            ids.Add((await response.ReadObject())["id"]!.GetValue<Guid>());
            // The time prefix has millisecond resolution; within one millisecond the order is random.
            await Task.Delay(2);
        }

        Assert.All(ids, id => Assert.Equal(7, id.Version));
        Assert.Equal(ids.Select(id => id.ToString("N")).Order(StringComparer.Ordinal), ids.Select(id => id.ToString("N")));
    }

    [Fact]
    public async Task Omitted_optional_fields_take_the_documented_defaults()
    {
        var body = JsonRequests.SampleOrderWith(o => o.Remove("amount"));

        using var response = await Api.PostJson("/orders", body);

        var order = await response.ReadObject();
        Assert.Equal(1000m, order["amount"]!.GetValue<decimal>());
        Assert.Equal(0.05m, order["interest_rate"]!.GetValue<decimal>());
        Assert.Equal(100m, order["commission"]!.GetValue<decimal>());
        Assert.Empty(order["promotions"]!.AsArray());
        Assert.Equal("NOT_STUDENT", order.Person()["status"]!.GetValue<string>());
        Assert.Equal(order["id"]!.GetValue<string>(), order["uuid"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_customer_failing_a_check_is_stored_as_rejected()
    {
        var body = JsonRequests.SampleOrderWith(o => o.Person()["name"] = "");

        using var response = await Api.PostJson("/orders", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("REJECTED", (await response.ReadObject())["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_order_is_404_problem_details()
    {
        using var response = await Api.GetAsync($"/orders/{Guid.NewGuid()}");

        await Problem.Assert(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("5fa6b6f2e85ca33165d459ec")]
    [InlineData("12345")]
    public async Task A_malformed_order_id_is_400_naming_the_id(string id)
    {
        using var response = await Api.GetAsync($"/orders/{id}");

        await Problem.Assert(response, HttpStatusCode.BadRequest, field: "id");
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_return_the_first_order()
    {
        var key = Guid.NewGuid().ToString();
        using var first = await Api.PostJson("/orders", Fixtures.LoanOrderJson, key);
        var reformatted = JsonNode.Parse(Fixtures.LoanOrderJson)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        using var retry = await Api.PostJson("/orders", reformatted, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.True(JsonNode.DeepEquals(await first.ReadObject(), await retry.ReadObject()));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_create_one_order()
    {
        var key = Guid.NewGuid().ToString();
        var before = await StoredOrders.Count(fixture.System);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Api.PostJson("/orders", Fixtures.LoanOrderJson, key)));

        var ids = new HashSet<string>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add((await response.ReadObject())["id"]!.GetValue<string>());
            response.Dispose();
        }

        Assert.Single(ids);
        Assert.Equal(before + 1, await StoredOrders.Count(fixture.System));
    }

    [Fact]
    public async Task The_same_idempotency_key_with_a_different_body_is_422()
    {
        var key = Guid.NewGuid().ToString();
        using var first = await Api.PostJson("/orders", Fixtures.LoanOrderJson, key);
        var before = await StoredOrders.Count(fixture.System);

        using var other = await Api.PostJson("/orders", JsonRequests.SampleOrderWith(o => o["amount"] = 3000), key);

        await Problem.Assert(other, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(before, await StoredOrders.Count(fixture.System));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("\"\"")]
    public async Task A_malformed_idempotency_key_is_400(string key)
    {
        using var response = await Api.PostJson("/orders", Fixtures.LoanOrderJson, key);

        await Problem.Assert(response, HttpStatusCode.BadRequest, field: "Idempotency-Key");
    }

    [Fact]
    public async Task An_overlong_idempotency_key_is_400()
    {
        using var response = await Api.PostJson("/orders", Fixtures.LoanOrderJson, new string('k', 256));

        await Problem.Assert(response, HttpStatusCode.BadRequest, field: "Idempotency-Key");
    }
}
