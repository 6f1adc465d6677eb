using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Loans.Tests.AdminConsole;

/// <summary>An administrator in a real browser (headless Chromium) releases a feature and sees orders follow it.</summary>
[Collection(AdminConsoleCollection.Name)]
public class AdminConsoleBrowserTests(AdminConsoleFixture fixture)
{
    private static readonly string Screenshot = Path.Combine(Repository.Root, "artifacts", "screenshots", "admin-console.png");

    [Fact]
    public async Task An_administrator_signs_in_flips_new_verification_and_orders_follow_at_once()
    {
        var browser = await fixture.StartBrowser();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.System.ApiAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var newVerification = page.Locator($"tr[data-toggle='{FeatureNames.NewVerification}']");

        try
        {
            await page.GotoAsync("/admin/features");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/sign-in"));
            await page.GetByLabel("User name").FillAsync(AdminConsoleFixture.Username);
            await page.GetByLabel("Password").FillAsync(AdminConsoleFixture.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

            await Expect(page.Locator("h1")).ToHaveTextAsync("Feature toggles");
            await Expect(newVerification.Locator(".state")).ToHaveTextAsync("off");
            var first = await PlaceSampleOrder();
            Assert.Equal("VERIFIED", first.Status);

            await newVerification.GetByPlaceholder("reason (optional)").FillAsync("browser test: release to all");
            await newVerification.GetByRole(AriaRole.Button, new() { Name = "On", Exact = true }).ClickAsync();
            // The fixture runs in Production: switching fully on asks first.
            await page.GetByRole(AriaRole.Button, new() { Name = "Yes, switch to on" }).ClickAsync();

            await Expect(page.Locator(".flash.ok")).ToHaveTextAsync($"{FeatureNames.NewVerification} is now on.");
            await Expect(newVerification.Locator(".state")).ToHaveTextAsync("on");
            await Expect(newVerification.Locator(".changed")).ToContainTextAsync($"by {AdminConsoleFixture.Username}");
            var second = await PlaceSampleOrder();
            Assert.NotEqual(first.Id, second.Id);
            Assert.Equal("REJECTED", second.Status);

            var latest = page.Locator("table.history tbody tr").First;
            await Expect(latest.Locator("td").Nth(1)).ToHaveTextAsync(FeatureNames.NewVerification);
            await Expect(latest.Locator(".transition")).ToHaveTextAsync("OFF → ON");
            await Expect(latest.Locator(".who")).ToHaveTextAsync(AdminConsoleFixture.Username);
            await Expect(latest.Locator(".reason")).ToHaveTextAsync("browser test: release to all");
            Directory.CreateDirectory(Path.GetDirectoryName(Screenshot)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot, FullPage = true });

            await newVerification.GetByRole(AriaRole.Button, new() { Name = "Off", Exact = true }).ClickAsync();

            await Expect(newVerification.Locator(".state")).ToHaveTextAsync("off");
            await Expect(page.Locator("table.history tbody tr").First.Locator(".transition")).ToHaveTextAsync("ON → OFF");
            Assert.Equal("VERIFIED", (await PlaceSampleOrder()).Status);
        }
        finally
        {
            // Leave the shared system as found even if an assertion above failed half-way.
            using var off = await fixture.Admin.PutAsJsonAsync($"/features/{FeatureNames.NewVerification}", new { enabled = false, reason = "browser test clean-up" });
        }
    }

    [Fact]
    public async Task Shadow_and_percentage_are_set_and_shown_from_the_page()
    {
        var toggle = $"BROWSER_{Guid.NewGuid():N}"[..24].ToUpperInvariant();
        var browser = await fixture.StartBrowser();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.System.ApiAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/sign-in");
        await page.GetByLabel("User name").FillAsync(AdminConsoleFixture.Username);
        await page.GetByLabel("Password").FillAsync(AdminConsoleFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var create = page.Locator("form.create");
        await create.GetByLabel("Name").FillAsync(toggle);
        await create.GetByLabel("State").SelectOptionAsync("shadow");
        await create.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var row = page.Locator($"tr[data-toggle='{toggle}']");
        await Expect(row.Locator(".state")).ToHaveTextAsync("shadow");

        await row.GetByLabel($"Percentage for {toggle}").FillAsync("25");
        await row.GetByRole(AriaRole.Button, new() { Name = "Set %" }).ClickAsync();

        await Expect(row.Locator(".state")).ToHaveTextAsync("percentage 25%");
        var stored = await fixture.Admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/features/{toggle}");
        Assert.Equal("PERCENTAGE", stored!["mode"]!.GetValue<string>());
        Assert.Equal(25, stored["percentage"]!.GetValue<int>());
    }

    private async Task<(string Id, string Status)> PlaceSampleOrder()
    {
        using var response = await fixture.System.Api.PostJson("/orders", Fixtures.LoanOrderJson);
        var order = await response.ReadObject();
        return (order["id"]!.GetValue<string>(), order["status"]!.GetValue<string>());
    }
}
