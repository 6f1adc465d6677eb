using System.Text.Json.Nodes;

namespace Loans.Tests.AdminConsole;

/// <summary>
/// In Production (the fixture's environment) every page says so, and switching a toggle fully on or above 50 % takes
/// a second, confirming post: the first post only shows what would happen. Plain forms, so it works without JavaScript.
/// </summary>
[Collection(AdminConsoleCollection.Name)]
public class ProductionConfirmationTests(AdminConsoleFixture fixture)
{
    [Theory]
    [InlineData("on", "", "on")]
    [InlineData("percentage", "51", "percentage 51%")]
    public async Task A_big_change_first_shows_a_confirmation_and_changes_nothing_until_confirmed(string mode, string percentage, string label)
    {
        var toggle = $"CONFIRM_{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        (await fixture.Admin.PutAsJsonAsync($"/features/{toggle}", new { mode = "OFF" })).Dispose();
        using var client = fixture.NewConsoleClient();
        await client.SignInAsAdministrator();
        var change = new Dictionary<string, string> { ["name"] = toggle, ["mode"] = mode, ["percentage"] = percentage, ["reason"] = "go live" };

        using var asked = await client.Submit("/admin/features", change);
        var confirmation = await asked.Content.ReadAsStringAsync();
        var unchanged = await Mode(toggle);
        using var confirmed = await client.Submit("/admin/features", new Dictionary<string, string>(change) { ["confirm"] = "yes" });

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains($"Yes, switch to {label}", confirmation, StringComparison.Ordinal);
        Assert.Contains("name=\"confirm\" value=\"yes\"", confirmation, StringComparison.Ordinal);
        Assert.Equal("OFF", unchanged);
        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
        Assert.Equal(mode.ToUpperInvariant(), await Mode(toggle));
    }

    [Theory]
    [InlineData("percentage", "50")]
    [InlineData("shadow", "")]
    [InlineData("off", "")]
    public async Task A_change_up_to_half_of_the_customers_needs_no_confirmation(string mode, string percentage)
    {
        var toggle = $"NOCONFIRM_{Guid.NewGuid():N}"[..22].ToUpperInvariant();
        (await fixture.Admin.PutAsJsonAsync($"/features/{toggle}", new { mode = "ON" })).Dispose();
        using var client = fixture.NewConsoleClient();
        await client.SignInAsAdministrator();

        using var response = await client.Submit("/admin/features", new Dictionary<string, string> { ["name"] = toggle, ["mode"] = mode, ["percentage"] = percentage });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(mode.ToUpperInvariant(), await Mode(toggle));
    }

    [Fact]
    public async Task Every_console_page_shows_the_production_badge()
    {
        using var client = fixture.NewConsoleClient();
        var signIn = await client.Page("/admin/sign-in");
        await client.SignInAsAdministrator();

        var pages = new[]
        {
            signIn,
            await client.Page("/admin/features"),
            await client.Page("/admin/features?filter=archived"),
            await client.Page($"/admin/features/{FeatureNames.NewVerification}"),
        };

        Assert.All(pages, html => Assert.Contains("data-environment=\"Production\"", html, StringComparison.Ordinal));
    }

    private async Task<string> Mode(string toggle) =>
        (await fixture.Admin.GetFromJsonAsync<JsonObject>($"/features/{toggle}"))!["mode"]!.GetValue<string>();
}
