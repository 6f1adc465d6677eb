using Loans.Tests.AdminConsole;
using Microsoft.Playwright;

namespace Loans.Tests.Security;

/// <summary>Finding 11 in a real browser: a 500-character word in a reason wraps instead of widening the console.</summary>
[Collection(AdminConsoleCollection.Name)]
public class ConsoleLayoutBrowserTests(AdminConsoleFixture fixture)
{
    private const int ViewportWidth = 1280;

    [Fact]
    public async Task A_500_character_word_in_a_reason_does_not_widen_the_page()
    {
        using (var change = await fixture.Admin.PutAsJsonAsync("/features/SECURITY_LONG_WORD_PROBE", new { enabled = false, reason = new string('W', 500) }))
        {
            Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        }

        var browser = await fixture.StartBrowser();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.System.ApiAddress.ToString(),
            ViewportSize = new ViewportSize { Width = ViewportWidth, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/sign-in");
        await page.GetByLabel("User name").FillAsync(AdminConsoleFixture.Username);
        await page.GetByLabel("Password").FillAsync(AdminConsoleFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("td.reason").First).ToHaveTextAsync(new string('W', 500));

        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");

        Assert.True(width <= ViewportWidth, $"The page is {width} px wide in a {ViewportWidth} px window.");
    }
}
