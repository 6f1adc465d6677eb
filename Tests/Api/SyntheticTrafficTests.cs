namespace Loans.Tests.Api;

[Collection(SystemCollection.Name)]
public class SyntheticTrafficTests(LoansSystemFixture fixture)
{
    [Fact]
    public async Task An_order_sent_as_synthetic_is_recorded_as_synthetic()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonRequests.Json(Fixtures.LoanOrderJson) };
        request.Headers.Add("X-Synthetic", "true");

        using var response = await fixture.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.ReadObject();
        Assert.True(order["synthetic"]!.GetValue<bool>());
        var shown = await fixture.Anonymous.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>(response.Headers.Location);
        Assert.True(shown!["synthetic"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_malformed_synthetic_header_is_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonRequests.Json(Fixtures.LoanOrderJson) };
        request.Headers.Add("X-Synthetic", "maybe");

        using var response = await fixture.Anonymous.SendAsync(request);

        await Problem.Assert(response, HttpStatusCode.BadRequest, field: "X-Synthetic");
    }
}
