using Microsoft.Playwright;

namespace Loans.Tests.AdminConsole;

/// <summary>
/// One running system (real Silo and Api processes) in Production with an editor (the administrator) and a viewer,
/// each as a console user and as an API key, and one headless Debian Chromium driven by Playwright, shared by the
/// admin console collection. Toggles go stale after <see cref="StaleAfter"/> and the silo reports evaluations every
/// second, so the life-cycle tests see both within seconds.
/// </summary>
public sealed class AdminConsoleFixture : IAsyncLifetime
{
    public const string Username = "console-admin";
    public const string Password = "console-password-0123";
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string ViewerUsername = "console-viewer";
    public const string ViewerPassword = "viewer-password-0123";
    public const string ViewerKeyName = "tests-viewer";
    public const string ViewerKey = "test-viewer-api-key-0123456789";
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(4);

    private IPlaywright? playwright;
    private IBrowser? browser;

    public LoansSystem System { get; private set; } = null!;

    /// <summary>A JSON client that presents the administrator key (an editor's).</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>A JSON client that presents the viewer's key: it reads, and every change is 403.</summary>
    public HttpClient Viewer { get; private set; } = null!;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser is not running.");

    public async Task InitializeAsync()
    {
        System = await LoansSystem.Start(new Dictionary<string, string>(AdminCredentials.Settings)
        {
            ["Admin__Username"] = Username,
            ["Admin__Password"] = Password,
            // Every test signs in afresh from the same address; the limit itself is not what this collection checks.
            ["Admin__SignInAttemptsPerMinute"] = "1000",
            ["Admin__Accounts__0__Username"] = ViewerUsername,
            ["Admin__Accounts__0__Password"] = ViewerPassword,
            ["Admin__Accounts__0__Role"] = "Viewer",
            ["Admin__Keys__0__Name"] = ViewerKeyName,
            ["Admin__Keys__0__Key"] = ViewerKey,
            ["Admin__Keys__0__Role"] = "Viewer",
            // Production: the environment badge says so, and big changes ask for a confirmation.
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // Production requires dashboard credentials; this collection does not look at the dashboard.
            ["Dashboard__Enabled"] = "false",
            ["FeatureToggles__StaleAfter"] = $"{StaleAfter:c}",
            ["FeatureToggles__EvaluationReportInterval"] = "00:00:01",
            // A reported evaluation reaches the API when the toggle grain next re-reads the store: with the default
            // 5 s that could come after StaleAfter (4 s), and a toggle evaluated a moment ago would read as stale.
            ["FeatureToggles__RefreshInterval"] = "00:00:01",
        });
        Admin = new HttpClient { BaseAddress = System.ApiAddress, Timeout = TimeSpan.FromSeconds(30) };
        AdminCredentials.Authorize(Admin);
        Viewer = new HttpClient { BaseAddress = System.ApiAddress, Timeout = TimeSpan.FromSeconds(30) };
        Viewer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ViewerKey);
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
        Viewer.Dispose();
        await System.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AdminConsoleCollection : ICollectionFixture<AdminConsoleFixture>
{
    public const string Name = "Admin console";
}
