using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Loans.Tests.Api;

/// <summary>Only an administrator may read or change toggles or purge synthetic orders.</summary>
[Collection(SystemCollection.Name)]
public class AdminAccessTests(LoansSystemFixture fixture)
{
    [Theory]
    [InlineData("GET", "/features")]
    [InlineData("GET", "/features/NEW_VERIFICATION")]
    [InlineData("PUT", "/features/NEW_VERIFICATION")]
    [InlineData("GET", "/features/NEW_VERIFICATION/history")]
    [InlineData("GET", "/synthetic-orders")]
    [InlineData("DELETE", "/synthetic-orders")]
    public async Task An_unauthenticated_request_is_401(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "PUT" ? JsonRequests.Json("{\"enabled\": true}") : null };

        using var response = await fixture.Anonymous.SendAsync(request);

        await Problem.Assert(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_wrong_key_changes_nothing()
    {
        var before = await fixture.Admin.GetFromJsonAsync<JsonObject>($"/features/{FeatureNames.NewVerification}");
        using var intruder = new HttpClient { BaseAddress = fixture.System.ApiAddress };
        intruder.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminCredentials.ApiKey + "x");

        using var response = await intruder.PutAsJsonAsync($"/features/{FeatureNames.NewVerification}", new { enabled = true });

        await Problem.Assert(response, HttpStatusCode.Unauthorized);
        var after = await fixture.Admin.GetFromJsonAsync<JsonObject>($"/features/{FeatureNames.NewVerification}");
        Assert.True(JsonNode.DeepEquals(before, after));
    }

    [Fact]
    public async Task A_change_is_attributed_to_the_administrator_key()
    {
        using var response = await fixture.Admin.PutAsJsonAsync("/features/ATTRIBUTED_TOGGLE", new { enabled = false, reason = "audit" });

        Assert.Equal("admin-api-key", (await response.ReadObject())["updated_by"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_administrator_lists_and_purges_synthetic_orders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonRequests.Json(Fixtures.LoanOrderJson) };
        request.Headers.Add("X-Synthetic", "true");
        using var created = await fixture.Anonymous.SendAsync(request);
        var id = (await created.ReadObject())["id"]!.GetValue<string>();

        var listed = await fixture.Admin.GetFromJsonAsync<JsonObject>("/synthetic-orders");
        Assert.Contains(listed!["order_ids"]!.AsArray(), o => o!.GetValue<string>() == id);

        using var purge = await fixture.Admin.DeleteAsync("/synthetic-orders");
        Assert.True((await purge.ReadObject())["purged"]!.GetValue<int>() >= 1);
        using var gone = await fixture.Anonymous.GetAsync($"/orders/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
