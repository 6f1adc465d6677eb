using System.Text.Json;
using System.Text.Json.Nodes;

namespace Loans.Tests.Api;

/// <summary>Pins the JSON wire format of the seed's fixture and of the responses: names, types and enum spellings.</summary>
[Collection(SystemCollection.Name)]
public class WireFormatTests(LoansSystemFixture fixture)
{
    [Fact]
    public async Task A_stored_order_has_exactly_the_seed_shape()
    {
        using var response = await fixture.Anonymous.PostJson("/orders", Fixtures.LoanOrderJson);
        var order = await response.ReadObject();

        AssertShape(order, new()
        {
            ["id"] = JsonValueKind.String,
            ["uuid"] = JsonValueKind.String,
            ["customer"] = JsonValueKind.Object,
            ["order_date"] = JsonValueKind.String,
            ["amount"] = JsonValueKind.Number,
            ["interest_rate"] = JsonValueKind.Number,
            ["commission"] = JsonValueKind.Number,
            ["promotions"] = JsonValueKind.Array,
            ["status"] = JsonValueKind.String,
        });
        AssertShape(order["customer"]!.AsObject(), new() { ["uuid"] = JsonValueKind.String, ["person"] = JsonValueKind.Object });
        AssertShape(order.Person(), new()
        {
            ["name"] = JsonValueKind.String,
            ["surname"] = JsonValueKind.String,
            ["national_id_number"] = JsonValueKind.String,
            ["gender"] = JsonValueKind.String,
            ["date_of_birth"] = JsonValueKind.String,
            ["status"] = JsonValueKind.String,
        });
        Assert.Equal("1986-11-03", order.Person()["date_of_birth"]!.GetValue<string>());
        Assert.Equal("FEMALE", order.Person()["gender"]!.GetValue<string>());
        Assert.Equal("2000", order["amount"]!.ToJsonString());
        Assert.Equal("0.05", order["interest_rate"]!.ToJsonString());
        Assert.True(DateTimeOffset.TryParse(order["order_date"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.True(Guid.TryParse(order["id"]!.GetValue<string>(), out _));
    }

    [Fact]
    public async Task The_verification_response_has_the_seed_shape()
    {
        var customer = JsonNode.Parse(Fixtures.LoanOrderJson)!["customer"]!.ToJsonString();

        using var response = await fixture.Anonymous.PostJson("/customers/verify", customer);

        AssertShape(await response.ReadObject(), new() { ["user_id"] = JsonValueKind.String, ["status"] = JsonValueKind.String });
    }

    [Fact]
    public void The_seed_fixture_is_the_one_the_lesson_ships() =>
        Assert.Equal("86110302148", JsonNode.Parse(Fixtures.LoanOrderJson)!["customer"]!["person"]!["national_id_number"]!.GetValue<string>());

    private static void AssertShape(JsonObject actual, Dictionary<string, JsonValueKind> expected)
    {
        Assert.Equal(expected.Keys.Order(), actual.Select(p => p.Key).Order());
        foreach (var (name, kind) in expected)
        {
            Assert.True(kind == actual[name]!.GetValueKind(), $"{name} should be {kind}, is {actual[name]!.GetValueKind()}");
        }
    }
}
