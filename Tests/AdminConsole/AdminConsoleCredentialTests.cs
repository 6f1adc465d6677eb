using Loans.Api.Admin;
using Microsoft.Extensions.Options;

namespace Loans.Tests.AdminConsole;

/// <summary>Which credentials open the console, and which settings stop the API at start-up.</summary>
public class AdminConsoleCredentialTests
{
    private const string Key = "an-api-key-of-enough-length";

    [Fact]
    public void Without_a_console_password_the_api_key_is_the_password()
    {
        var credential = AdminCredential.From(new AdminOptions { ApiKey = Key }, development: false);

        Assert.True(credential.PasswordIsApiKey);
        Assert.True(credential.MatchesSignIn("admin", Key));
        Assert.False(credential.MatchesSignIn("admin", Key + "x"));
        Assert.False(credential.MatchesSignIn("root", Key));
    }

    [Fact]
    public void With_a_console_password_only_that_password_signs_in()
    {
        var credential = AdminCredential.From(new AdminOptions { ApiKey = Key, Username = "ops", Password = "a-long-console-password" }, development: false);

        Assert.True(credential.MatchesSignIn("ops", "a-long-console-password"));
        Assert.False(credential.MatchesSignIn("ops", Key));
        Assert.False(credential.MatchesSignIn("admin", "a-long-console-password"));
    }

    [Fact]
    public void In_development_without_any_credential_a_key_is_generated_and_opens_the_console()
    {
        var credential = AdminCredential.From(new AdminOptions(), development: true);

        Assert.True(credential.Generated);
        Assert.True(credential.MatchesSignIn("admin", credential.ApiKey));
        Assert.True(credential.ApiKey.Length >= AdminCredential.MinimumLength);
    }

    [Theory]
    [InlineData(null, null, "Admin:ApiKey")]
    [InlineData(Key, "too-short", "Admin:Password")]
    [InlineData(Key, null, "Admin:Username", " ")]
    [InlineData(Key, null, "Admin:SessionTimeout", null, "00:00:10")]
    [InlineData(Key, null, "Admin:SignInAttemptsPerMinute", null, null, 0)]
    public void An_invalid_or_missing_credential_setting_is_refused_in_production_naming_it(
        string? apiKey, string? password, string named, string? username = null, string? sessionTimeout = null, int signInAttempts = 10)
    {
        var options = new AdminOptions
        {
            ApiKey = apiKey,
            Password = password,
            Username = username ?? "admin",
            SessionTimeout = sessionTimeout is null ? TimeSpan.FromMinutes(30) : TimeSpan.Parse(sessionTimeout, System.Globalization.CultureInfo.InvariantCulture),
            SignInAttemptsPerMinute = signInAttempts,
        };

        var refused = Assert.Throws<OptionsValidationException>(() => AdminCredential.From(options, development: false));

        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_refuses_to_start_with_a_console_password_that_is_too_short()
    {
        using var directory = new TemporaryDirectory("startup");
        await using var process = LoansProcess.Start("Api", "api", directory.Path, new Dictionary<string, string>(AdminCredentials.Settings)
        {
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Admin__Password"] = "short",
        });

        await StartupFailure.AssertExitsNaming(process, "Admin:Password", "The API started with a 5-character console password.");
    }

    [Fact]
    public async Task In_development_without_credentials_the_api_prints_how_to_sign_in_to_the_console()
    {
        using var directory = new TemporaryDirectory("startup");
        await using var process = LoansProcess.Start("Api", "api", directory.Path, new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!process.Output.Contains("/admin/sign-in", StringComparison.Ordinal) && !process.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Contains("the administrator key is: ", process.Output, StringComparison.Ordinal);
        Assert.Contains("sign in to the admin console at /admin/sign-in as 'admin' with that key as the password", process.Output, StringComparison.Ordinal);
    }
}
