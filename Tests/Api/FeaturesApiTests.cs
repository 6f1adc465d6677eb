using System.Text.Json.Nodes;

namespace Loans.Tests.Api;

[Collection(SystemCollection.Name)]
public class FeaturesApiTests(LoansSystemFixture fixture)
{
    private HttpClient Admin => fixture.Admin;

    [Fact]
    public async Task Lists_the_new_verification_toggle_from_the_first_start()
    {
        var toggles = await Admin.GetFromJsonAsync<JsonArray>("/features");

        Assert.Contains(toggles!, t => t!["name"]!.GetValue<string>() == FeatureNames.NewVerification);
    }

    [Fact]
    public async Task A_flip_takes_effect_for_the_very_next_order()
    {
        try
        {
            using var on = await Admin.PutAsJsonAsync($"/features/{FeatureNames.NewVerification}", new { enabled = true, reason = "demo" });
            Assert.Equal(HttpStatusCode.OK, on.StatusCode);
            Assert.True((await on.ReadObject())["enabled"]!.GetValue<bool>());

            using var rejected = await fixture.Anonymous.PostJson("/orders", Fixtures.LoanOrderJson);
            Assert.Equal("REJECTED", (await rejected.ReadObject())["status"]!.GetValue<string>());
        }
        finally
        {
            using var off = await Admin.PutAsJsonAsync($"/features/{FeatureNames.NewVerification}", new { enabled = false });
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        }

        using var verified = await fixture.Anonymous.PostJson("/orders", Fixtures.LoanOrderJson);
        Assert.Equal("VERIFIED", (await verified.ReadObject())["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_new_toggle_can_be_created_and_read_back()
    {
        var name = $"TOGGLE_{Guid.NewGuid():N}"[..30].ToUpperInvariant();

        using var created = await Admin.PutAsJsonAsync($"/features/{name}", new { enabled = true });
        var read = await Admin.GetFromJsonAsync<JsonObject>($"/features/{name}");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.True(read!["enabled"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty(read["updated_by"]?.GetValue<string>()));
    }

    [Fact]
    public async Task An_unknown_toggle_reads_as_off()
    {
        var read = await Admin.GetFromJsonAsync<JsonObject>("/features/NEVER_SET_ANYWHERE");

        Assert.False(read!["enabled"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("new_verification")]
    [InlineData("1ABC")]
    [InlineData("WITH-DASH")]
    public async Task A_malformed_toggle_name_is_400(string name)
    {
        using var response = await Admin.PutAsJsonAsync($"/features/{name}", new { enabled = true });

        await Problem.Assert(response, HttpStatusCode.BadRequest, field: "name");
    }

    [Theory]
    [InlineData("{}", "enabled")]
    [InlineData("{\"enabled\": \"yes\"}", "enabled")]
    [InlineData("{\"enabled\": 1}", "enabled")]
    public async Task A_change_without_a_boolean_is_400(string body, string field)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/features/{FeatureNames.NewVerification}") { Content = JsonRequests.Json(body) };

        using var response = await Admin.SendAsync(request);

        await Problem.Assert(response, HttpStatusCode.BadRequest, field: field);
    }

    [Fact]
    public async Task A_toggle_can_be_set_to_a_percentage_rollout()
    {
        var name = $"ROLLOUT_{Guid.NewGuid():N}"[..30].ToUpperInvariant();

        using var response = await Admin.PutAsJsonAsync($"/features/{name}", new { mode = "PERCENTAGE", percentage = 10, reason = "step 2" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var toggle = await response.ReadObject();
        Assert.Equal("PERCENTAGE", toggle["mode"]!.GetValue<string>());
        Assert.Equal(10, toggle["percentage"]!.GetValue<int>());
        Assert.False(toggle["enabled"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("{\"mode\": \"PERCENTAGE\"}", "percentage")]
    [InlineData("{\"mode\": \"PERCENTAGE\", \"percentage\": 101}", "percentage")]
    [InlineData("{\"mode\": \"ON\", \"percentage\": 10}", "percentage")]
    [InlineData("{\"mode\": \"SOMETIMES\"}", "mode")]
    [InlineData("{\"mode\": \"OFF\", \"enabled\": true}", "mode")]
    public async Task An_inconsistent_release_state_is_400(string body, string field)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/features/ROLLOUT_VALIDATION") { Content = JsonRequests.Json(body) };

        using var response = await Admin.SendAsync(request);

        await Problem.Assert(response, HttpStatusCode.BadRequest, field: field);
    }

    [Fact]
    public async Task The_audit_trail_is_readable_newest_first()
    {
        var name = $"HISTORY_{Guid.NewGuid():N}"[..30].ToUpperInvariant();
        (await Admin.PutAsJsonAsync($"/features/{name}", new { mode = "SHADOW", reason = "step 1" })).Dispose();
        (await Admin.PutAsJsonAsync($"/features/{name}", new { enabled = true, reason = "step 2" })).Dispose();

        var history = await Admin.GetFromJsonAsync<JsonArray>($"/features/{name}/history");

        Assert.Equal(2, history!.Count);
        Assert.Equal("SHADOW", history[0]!["old_state"]!.GetValue<string>());
        Assert.Equal("ON", history[0]!["new_state"]!.GetValue<string>());
        Assert.Equal("step 2", history[0]!["reason"]!.GetValue<string>());
        Assert.Equal("admin-api-key", history[0]!["changed_by"]!.GetValue<string>());
        Assert.Null(history[1]!["old_state"]);
    }

    [Fact]
    public async Task An_out_of_range_history_limit_is_400()
    {
        using var response = await Admin.GetAsync($"/features/{FeatureNames.NewVerification}/history?limit=0");

        await Problem.Assert(response, HttpStatusCode.BadRequest, field: "limit");
    }
}
