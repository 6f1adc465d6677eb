using Loans.Api.Admin;
using Microsoft.Extensions.Options;

namespace Loans.Tests.AdminConsole;

/// <summary>Which role each credential carries, and which role settings stop the API at start-up, naming the setting.</summary>
public class RoleSettingsTests
{
    private const string Key = "an-api-key-of-enough-length";

    private static AdminOptions WithViewer() => new()
    {
        ApiKey = Key,
        Accounts = [new AdminAccountOptions { Username = "vera", Password = "viewer-password-01", Role = "viewer" }],
        Keys = [new AdminKeyOptions { Name = "grafana-reader", Key = "a-viewer-key-of-enough-length", Role = "Viewer" }],
    };

    [Fact]
    public void Each_console_user_and_key_carries_its_own_role_and_the_administrator_is_an_editor()
    {
        var credential = AdminCredential.From(WithViewer(), development: false);

        Assert.Equal(AdminRole.Viewer, credential.SignIn("vera", "viewer-password-01"));
        Assert.Equal(AdminRole.Editor, credential.SignIn("admin", Key));
        Assert.Null(credential.SignIn("vera", Key));
        Assert.Equal(("grafana-reader", AdminRole.Viewer), credential.Authenticate("a-viewer-key-of-enough-length"));
        Assert.Equal(("admin-api-key", AdminRole.Editor), credential.Authenticate(Key));
        Assert.Null(credential.Authenticate("a-viewer-key-of-enough-lengthX"));
    }

    [Theory]
    [InlineData("account-role", "Admin:Accounts:0:Role")]
    [InlineData("account-no-role", "Admin:Accounts:0:Role")]
    [InlineData("account-password", "Admin:Accounts:0:Password")]
    [InlineData("account-duplicate", "Admin:Accounts:0:Username")]
    [InlineData("key-name", "Admin:Keys:0:Name")]
    [InlineData("key-short", "Admin:Keys:0:Key")]
    [InlineData("key-same-as-administrator", "Admin:Keys:0:Key")]
    [InlineData("key-role", "Admin:Keys:0:Role")]
    public void A_bad_role_setting_is_refused_naming_it(string fault, string named)
    {
        var options = WithViewer();
        var account = options.Accounts[0];
        var key = options.Keys[0];
        switch (fault)
        {
            case "account-role": account.Role = "Owner"; break;
            case "account-no-role": account.Role = null; break;
            case "account-password": account.Password = "short"; break;
            case "account-duplicate": account.Username = "admin"; break;
            case "key-name": key.Name = "Grafana Reader"; break;
            case "key-short": key.Key = "short"; break;
            case "key-same-as-administrator": key.Key = Key; break;
            case "key-role": key.Role = "1"; break;
        }

        var refused = Assert.Throws<OptionsValidationException>(() => AdminCredential.From(options, development: false));

        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_refuses_to_start_with_a_key_whose_role_is_unknown()
    {
        using var directory = new TemporaryDirectory("startup");
        await using var process = LoansProcess.Start("Api", "api", directory.Path, new Dictionary<string, string>(AdminCredentials.Settings)
        {
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Admin__Keys__0__Name"] = "reader",
            ["Admin__Keys__0__Key"] = "a-reader-key-of-enough-length",
            ["Admin__Keys__0__Role"] = "Administrator",
        });

        await StartupFailure.AssertExitsNaming(process, "Admin:Keys:0:Role", "The API started with a key whose role is neither Viewer nor Editor.");
    }

    [Fact]
    public async Task The_api_refuses_to_start_with_a_stale_period_of_zero()
    {
        using var directory = new TemporaryDirectory("startup");
        await using var process = LoansProcess.Start("Api", "api", directory.Path, new Dictionary<string, string>(AdminCredentials.Settings)
        {
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FeatureToggles__StaleAfter"] = "00:00:00",
        });

        await StartupFailure.AssertExitsNaming(process, "FeatureToggles:StaleAfter", "The API started with toggles stale the moment they are created.");
    }
}
