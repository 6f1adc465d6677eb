using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Loans.Tests.AdminConsole;

/// <summary>What every browser test of the console does to a page: check its accessibility with axe, and keep a screenshot.</summary>
internal static class ConsolePages
{
    public static readonly string ScreenshotDirectory = Path.Combine(Repository.Root, "artifacts", "screenshots");

    /// <summary>
    /// Runs axe-core in the page as the browser renders it, and fails on any serious or critical violation, naming
    /// the rule and the elements. The passes must not be empty: a check that evaluated nothing would pass on anything.
    /// </summary>
    public static async Task AssertAccessible(IPage page, string name)
    {
        var result = await page.RunAxe();

        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, $"{name}: {blocking.Count} serious or critical accessibility violations: "
            + string.Join("; ", blocking.Select(v => $"{v.Id} ({v.Impact}) {v.Help}: {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
        Assert.NotEmpty(result.Passes);
    }

    /// <summary>Checks the page and saves a full-page screenshot as artifacts/screenshots/{file}.png.</summary>
    public static async Task CheckAndKeep(IPage page, string file)
    {
        await AssertAccessible(page, file);
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{file}.png"), FullPage = true });
    }

    public static async Task<IPage> SignIn(IBrowser browser, Uri address, string username, string password, string? screenshot = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/sign-in");
        if (screenshot is not null)
        {
            await CheckAndKeep(page, screenshot);
        }

        await page.GetByLabel("User name").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Feature toggles");
        return page;
    }
}
