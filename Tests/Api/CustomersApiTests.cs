using System.Text.Json.Nodes;

namespace Loans.Tests.Api;

[Collection(SystemCollection.Name)]
public class CustomersApiTests(LoansSystemFixture fixture)
{
    private static string SampleCustomer => JsonNode.Parse(Fixtures.LoanOrderJson)!["customer"]!.ToJsonString();

    [Fact]
    public async Task The_seed_customer_passes_verification()
    {
        using var response = await fixture.Anonymous.PostJson("/customers/verify", SampleCustomer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadObject();
        Assert.Equal("33d2f13c-6d96-4883-9871-1e158ced00f2", result["user_id"]!.GetValue<string>());
        Assert.Equal("VERIFICATION_PASSED", result["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_customer_with_a_wrong_pesel_fails_verification()
    {
        var customer = JsonNode.Parse(SampleCustomer)!;
        customer["person"]!["national_id_number"] = "86110302147";

        using var response = await fixture.Anonymous.PostJson("/customers/verify", customer.ToJsonString());

        Assert.Equal("VERIFICATION_FAILED", (await response.ReadObject())["status"]!.GetValue<string>());
    }
}
