using Microsoft.Playwright;

namespace Loans.Tests.AdminConsole;

/// <summary>
/// One running system (real Silo and Api processes) with a console password configured, and one headless
/// Debian Chromium driven by Playwright, shared by the admin console collection.
/// </summary>
public sealed class AdminConsoleFixture : IAsyncLifetime
{
    public const string Username = "console-admin";
    public const string Password = "console-password-0123";
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public LoansSystem System { get; private set; } = null!;

    /// <summary>A JSON client that presents the administrator key.</summary>
    public HttpClient Admin { get; private set; } = null!;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser is not running.");

    public async Task InitializeAsync()
    {
        System = await LoansSystem.Start(new Dictionary<string, string>(AdminCredentials.Settings)
        {
            ["Admin__Username"] = Username,
            ["Admin__Password"] = Password,
            // Every test signs in afresh from the same address; the limit itself is not what this collection checks.
            ["Admin__SignInAttemptsPerMinute"] = "1000",
        });
        Admin = new HttpClient { BaseAddress = System.ApiAddress, Timeout = TimeSpan.FromSeconds(30) };
        AdminCredentials.Authorize(Admin);
    }

    /// <summary>Starts Chromium on first use, so the HTTP-level tests do not pay for it when run alone.</summary>
    public async Task<IBrowser> StartBrowser()
    {
        if (browser is not null)
        {
            return browser;
        }

        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: apt-get install -y chromium (.ci/run does).");
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        });
        return browser;
    }

    /// <summary>A client with its own cookie jar that does not follow redirects, as a browser tab seen at the HTTP level.</summary>
    public ConsoleClient NewConsoleClient() => new(System.ApiAddress);

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        Admin.Dispose();
        await System.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AdminConsoleCollection : ICollectionFixture<AdminConsoleFixture>
{
    public const string Name = "Admin console";
}
