using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Loans.Tests.AdminConsole;

/// <summary>
/// A toggle's whole life in a real browser, page by page, each page checked with axe and kept as a screenshot:
/// an editor creates it with a description, shadows it, rolls it out to 10 %, confirms switching it on (the fixture
/// is Production), archives and restores it; a viewer reads the same pages and finds nothing to press.
/// </summary>
[Collection(AdminConsoleCollection.Name)]
public class ToggleLifeBrowserTests(AdminConsoleFixture fixture)
{
    [Fact]
    public async Task An_editor_walks_a_toggle_from_creation_through_shadow_10_percent_on_archive_and_restore()
    {
        var toggle = $"LIFE_{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        var browser = await fixture.StartBrowser();
        var page = await ConsolePages.SignIn(browser, fixture.System.ApiAddress, AdminConsoleFixture.Username, AdminConsoleFixture.Password, "01-sign-in");
        await Expect(page.Locator(".env").First).ToHaveTextAsync("Environment: Production");

        var create = page.Locator("form.create");
        await create.GetByLabel("Name").FillAsync(toggle);
        await create.GetByLabel("Description").FillAsync("Life-cycle test: a release walked from off to on");
        await create.GetByLabel("Owner").FillAsync("team-loans");
        await create.GetByLabel("Reason").FillAsync("start the release");
        await create.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.Locator(".flash.ok")).ToHaveTextAsync($"{toggle} is now off.");
        await ConsolePages.CheckAndKeep(page, "02-list-after-create");

        await page.GetByRole(AriaRole.Link, new() { Name = toggle }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Feature toggle {toggle}");
        await Expect(page.Locator("dd.description")).ToHaveTextAsync("Life-cycle test: a release walked from off to on");
        await Expect(page.Locator("dd.owner")).ToHaveTextAsync("team-loans");
        await Expect(page.Locator("dd.evaluated")).ToContainTextAsync("never");
        await Expect(Mode(page, "Off")).ToHaveAttributeAsync("aria-pressed", "true");
        await ConsolePages.CheckAndKeep(page, "03-toggle-created");

        await Mode(page, "Shadow").ClickAsync();
        await Expect(page.Locator("dd.state")).ToHaveTextAsync("shadow");
        await Expect(Mode(page, "Shadow")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(Mode(page, "Off")).ToHaveAttributeAsync("aria-pressed", "false");
        await ConsolePages.CheckAndKeep(page, "04-shadow");

        await page.GetByLabel($"Percentage for {toggle}").FillAsync("10");
        await Mode(page, "Set %").ClickAsync();
        await Expect(page.Locator("dd.state")).ToHaveTextAsync("percentage 10%");
        await Expect(Mode(page, "Set %")).ToHaveAttributeAsync("aria-pressed", "true");
        await ConsolePages.CheckAndKeep(page, "05-ten-percent");

        await Mode(page, "On").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Confirm change");
        await Expect(page.Locator(".confirm h2")).ToHaveTextAsync($"Switch {toggle} to on in Production?");
        Assert.Equal("PERCENTAGE", (await Stored(toggle))["mode"]!.GetValue<string>());
        await ConsolePages.CheckAndKeep(page, "06-confirm-on");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, switch to on" }).ClickAsync();
        await Expect(page.Locator(".flash.ok")).ToHaveTextAsync($"{toggle} is now on.");
        await Expect(page.Locator("dd.state")).ToHaveTextAsync("on");
        await ConsolePages.CheckAndKeep(page, "07-on");

        await page.GetByLabel($"Reason for archiving {toggle}").FillAsync("released to everybody; the toggle is done");
        await page.GetByRole(AriaRole.Button, new() { Name = "Archive" }).ClickAsync();
        await Expect(page.Locator(".flash.ok")).ToHaveTextAsync($"{toggle} is archived: it evaluates as off.");
        await Expect(page.Locator("dd.state")).ToHaveTextAsync("archived");
        await ConsolePages.CheckAndKeep(page, "08-archived");

        await page.GetByRole(AriaRole.Link, new() { Name = "All toggles" }).ClickAsync();
        await Expect(page.Locator($"tr[data-toggle='{toggle}']")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Archived" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Archived" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.Locator($"tr[data-toggle='{toggle}'] .state")).ToHaveTextAsync("archived");
        await ConsolePages.CheckAndKeep(page, "09-archived-list");

        await page.GetByRole(AriaRole.Link, new() { Name = toggle }).ClickAsync();
        await page.GetByLabel($"Reason for restoring {toggle}").FillAsync("needed again");
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();
        await Expect(page.Locator(".flash.ok")).ToHaveTextAsync($"{toggle} is restored: it is on again.");
        await Expect(page.Locator("dd.state")).ToHaveTextAsync("on");
        await Expect(page.Locator("table.history tbody tr .transition")).ToHaveTextAsync(new[]
        {
            "ARCHIVED → ON", "ON → ARCHIVED", "PERCENTAGE 10 → ON", "SHADOW → PERCENTAGE 10", "OFF → SHADOW", "(new) → OFF",
        });
        await Expect(page.Locator("table.history tbody tr .who")).ToHaveTextAsync(Enumerable.Repeat(AdminConsoleFixture.Username, 6).ToArray());
        await Expect(page.Locator("table.history tbody tr").Nth(1).Locator(".reason")).ToHaveTextAsync("released to everybody; the toggle is done");
        await ConsolePages.CheckAndKeep(page, "10-restored");

        var stored = await Stored(toggle);
        Assert.Equal(("ON", false, "team-loans"), (stored["mode"]!.GetValue<string>(), stored["archived"]!.GetValue<bool>(), stored["owner"]!.GetValue<string>()));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_viewer_reads_the_list_a_toggle_its_exposure_and_history_and_finds_nothing_to_change()
    {
        var toggle = $"VIEWED_{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        using (var created = await fixture.Admin.PutAsJsonAsync($"/features/{toggle}", new { mode = "SHADOW", description = "seen by a viewer", owner = "team-risk" }))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        using (var order = await fixture.System.Api.PostJson("/orders", Fixtures.LoanOrderJson))
        {
            Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        }

        var browser = await fixture.StartBrowser();
        var page = await ConsolePages.SignIn(browser, fixture.System.ApiAddress, AdminConsoleFixture.ViewerUsername, AdminConsoleFixture.ViewerPassword);

        await Expect(page.Locator("header")).ToContainTextAsync("viewer, read-only");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "On", Exact = true })).ToHaveCountAsync(0);
        await page.GetByLabel("Search by name").FillAsync(toggle.ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.Locator("table.toggles tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator($"tr[data-toggle='{toggle}'] .owner")).ToHaveTextAsync("team-risk");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "All (1)" })).ToHaveAttributeAsync("aria-current", "page");
        await ConsolePages.CheckAndKeep(page, "11-viewer-search");

        await page.GotoAsync($"/admin/features/{FeatureNames.NewVerification}");
        await Expect(page.Locator("table.exposure tbody tr[data-variant]")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("form[method=post]:not(.sign-out)")).ToHaveCountAsync(0);
        await ConsolePages.CheckAndKeep(page, "12-viewer-toggle-page");

        await page.GotoAsync("/admin/features?filter=stale");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Stale" })).ToHaveAttributeAsync("aria-current", "page");
        await ConsolePages.AssertAccessible(page, "viewer stale list");
        await page.Context.CloseAsync();
    }

    private static ILocator Mode(IPage page, string label) => page.Locator("form.change").GetByRole(AriaRole.Button, new() { Name = label, Exact = true });

    private async Task<JsonObject> Stored(string toggle) => (await fixture.Admin.GetFromJsonAsync<JsonObject>($"/features/{toggle}"))!;
}
