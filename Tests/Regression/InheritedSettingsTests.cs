namespace Loans.Tests.Regression;

/// <summary>
/// Processes started by the tests inherited the developer's shell: with <c>Admin__ApiKey</c> or
/// <c>Api__MaxRequestBodyBytes</c> exported, tests that set neither saw them and failed.
/// </summary>
public class InheritedSettingsTests
{
    [Fact]
    public void A_started_process_does_not_inherit_settings_the_user_exported()
    {
        var inherited = new Dictionary<string, string?>
        {
            ["Admin__ApiKey"] = "exported-by-the-user",
            ["Api__MaxRequestBodyBytes"] = "2000",
            ["Cluster__ClusterId"] = "someone-elses",
            ["ASPNETCORE_URLS"] = "http://0.0.0.0:80",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["urls"] = "http://0.0.0.0:81",
            ["PATH"] = "/usr/bin",
            ["HOME"] = "/home/user",
            ["DOTNET_ROOT"] = "/usr/share/dotnet",
        };

        var environment = ProcessEnvironment.Build(inherited, new Dictionary<string, string> { ["Urls"] = "http://127.0.0.1:5000", ["DOTNET_ENVIRONMENT"] = "Development" });

        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["PATH"] = "/usr/bin",
                ["HOME"] = "/home/user",
                ["DOTNET_ROOT"] = "/usr/share/dotnet",
                ["Urls"] = "http://127.0.0.1:5000",
                ["DOTNET_ENVIRONMENT"] = "Development",
            },
            environment);
    }

    [Fact]
    public void The_test_settings_win_over_an_inherited_value_of_the_same_name()
    {
        var environment = ProcessEnvironment.Build(
            new Dictionary<string, string?> { ["Admin__ApiKey"] = "exported" },
            new Dictionary<string, string> { ["Admin__ApiKey"] = "the-tests-own" });

        Assert.Equal("the-tests-own", environment["Admin__ApiKey"]);
    }
}
