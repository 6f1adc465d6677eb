using System.Text.Json.Nodes;

namespace Loans.Tests.Security;

/// <summary>Findings 2, 4, 10, 11 and 12 at the JSON API: nothing leaks to a stranger, nothing ambiguous is accepted.</summary>
[Collection(SystemCollection.Name)]
public class PublicApiDisclosureTests(LoansSystemFixture fixture)
{
    [Fact]
    public async Task An_idempotency_key_reused_with_another_body_is_422_and_names_no_order()
    {
        var key = Guid.NewGuid().ToString();
        using var victim = await fixture.Anonymous.PostJson("/orders", Fixtures.LoanOrderJson, key);
        Assert.Equal(HttpStatusCode.Created, victim.StatusCode);
        var victimsOrder = (await victim.ReadObject())["id"]!.GetValue<string>();

        using var stranger = await fixture.Anonymous.PostJson("/orders", JsonRequests.SampleOrderWith(o => o["amount"] = 3000), key);

        var problem = await Problem.Assert(stranger, HttpStatusCode.UnprocessableEntity);
        Assert.DoesNotContain(victimsOrder, problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(victimsOrder, string.Join(" ", stranger.Headers.SelectMany(h => h.Value)), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("The key was first used for a different request. Use a new key for a new order.", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_naming_a_member_twice_is_400_naming_it_and_stores_nothing()
    {
        var before = await StoredOrders.Count(fixture.System);
        var body = "{\"amount\": 1000, " + Fixtures.LoanOrderJson.TrimStart()[1..];

        using var response = await fixture.Anonymous.PostJson("/orders", body);

        var problem = await Problem.Assert(response, HttpStatusCode.BadRequest, "amount");
        Assert.Equal("This member appears more than once; send each name once.", problem["errors"]!["amount"]![0]!.GetValue<string>());
        Assert.Equal(before, await StoredOrders.Count(fixture.System));
    }

    [Theory]
    [InlineData("NEW_VERIFICATION%0A")]
    [InlineData("NEW_VERIFICATION%0D%0A")]
    public async Task A_toggle_name_with_a_trailing_newline_is_400_and_creates_no_look_alike(string name)
    {
        using var response = await fixture.Admin.PutAsJsonAsync($"/features/{name}", new { enabled = true, reason = "look-alike" });

        await Problem.Assert(response, HttpStatusCode.BadRequest, "name");
        var toggles = await fixture.Admin.GetFromJsonAsync<JsonArray>("/features");
        Assert.DoesNotContain(toggles!, t => t!["name"]!.GetValue<string>().StartsWith($"{FeatureNames.NewVerification}\n", StringComparison.Ordinal)
            || t!["name"]!.GetValue<string>().StartsWith($"{FeatureNames.NewVerification}\r", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\u202Egnp.exe")]
    [InlineData("release \u2066to all\u2069")]
    [InlineData("\u202Ahidden\u202C")]
    public async Task A_reason_with_bidi_control_characters_is_400_and_changes_nothing(string reason)
    {
        const string toggle = "SECURITY_BIDI_PROBE";
        var before = await fixture.Admin.GetStringAsync($"/features/{toggle}");

        using var response = await fixture.Admin.PutAsJsonAsync($"/features/{toggle}", new { enabled = true, reason });

        await Problem.Assert(response, HttpStatusCode.BadRequest, "reason");
        Assert.Equal(before, await fixture.Admin.GetStringAsync($"/features/{toggle}"));
    }

    [Fact]
    public async Task Public_health_answers_say_only_the_status_and_the_administrator_sees_each_check()
    {
        using var anonymous = await fixture.Anonymous.GetAsync("/health/ready");
        using var administrator = await fixture.Admin.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["status"] = "Healthy" }, await anonymous.ReadObject()), await anonymous.Content.ReadAsStringAsync());
        Assert.Equal(1, (await administrator.ReadObject())["checks"]!["cluster"]!["data"]!["activeSilos"]!.GetValue<int>());
    }
}
