using System.Text.Json.Nodes;

namespace Loans.Tests.Smoke;

/// <summary>
/// Testing in production: a short, safe check of a running deployment. Orders it sends are synthetic
/// (X-Synthetic: true), so they are kept out of business figures and can be purged; it never changes a toggle.
/// Run against any deployment: LOANS_BASE_URL=http://host:9091 dotnet test Tests --filter Category=Smoke.
/// </summary>
[Collection(SmokeCollection.Name)]
[Trait("Category", "Smoke")]
public class SmokeTests(SmokeTarget target)
{
    [Fact]
    public async Task The_openapi_document_is_served()
    {
        using var response = await target.Api.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_synthetic_order_is_verified_stored_and_readable()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonRequests.Json(SyntheticOrder()) };
        request.Headers.Add("X-Synthetic", "true");
        request.Headers.Add("Idempotency-Key", $"smoke-{Guid.NewGuid()}");

        using var response = await target.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.ReadObject();
        Assert.True(order["synthetic"]!.GetValue<bool>());
        Assert.Contains(order["status"]!.GetValue<string>(), new[] { "VERIFIED", "REJECTED" });
        if (await NewVerificationMode() == "OFF")
        {
            Assert.Equal("VERIFIED", order["status"]!.GetValue<string>());
        }

        var shown = await target.Api.GetFromJsonAsync<JsonObject>(response.Headers.Location);
        Assert.True(JsonNode.DeepEquals(order, shown));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_problem_details()
    {
        using var response = await target.Api.PostJson("/orders", "{\"customer\": 42}");

        await Problem.Assert(response, HttpStatusCode.BadRequest, field: "customer");
    }

    [SkippableFact]
    public async Task The_toggle_state_is_readable()
    {
        Skip.IfNot(target.CanReadToggles, $"Reading toggles needs the administrator key: set {SmokeTarget.AdminApiKeyVariable}.");

        var toggles = await target.Api.GetFromJsonAsync<JsonArray>("/features");

        Assert.Contains(toggles!, t => t!["name"]!.GetValue<string>() == FeatureNames.NewVerification);
    }

    [Fact]
    public async Task The_suite_cannot_change_a_toggle() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => target.Api.PutAsJsonAsync($"/features/{FeatureNames.NewVerification}", new { enabled = true }));

    private async Task<string?> NewVerificationMode() =>
        target.CanReadToggles
            ? (await target.Api.GetFromJsonAsync<JsonObject>($"/features/{FeatureNames.NewVerification}"))!["mode"]!.GetValue<string>()
            : null;

    /// <summary>A made-up adult customer with a valid PESEL, never a real person.</summary>
    private static string SyntheticOrder()
    {
        var customer = Customers.BornOn(new DateOnly(1990, 7, 14), Gender.Male, name: "Smoke");
        return JsonRequests.SampleOrderWith(order =>
        {
            order["customer"]!["uuid"] = customer.Uuid.ToString();
            order.Person()["name"] = customer.Person.Name;
            order.Person()["surname"] = "Synthetic";
            order.Person()["national_id_number"] = customer.Person.NationalIdNumber;
            order.Person()["gender"] = "MALE";
            order.Person()["date_of_birth"] = "1990-07-14";
        });
    }
}
