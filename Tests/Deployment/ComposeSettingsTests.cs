namespace Loans.Tests.Deployment;

/// <summary>
/// Every setting the compose file and the Dockerfiles give the silo and the API is one the process reads: a
/// misspelt <c>Section__Key</c> would otherwise be ignored in silence and the default used instead.
/// </summary>
public class ComposeSettingsTests
{
    private readonly ComposeStack compose = ComposeStack.Load();

    [Theory]
    [InlineData("silo-1", "Silo")]
    [InlineData("silo-2", "Silo")]
    [InlineData("api", "Api")]
    public void Every_environment_variable_given_to_the_process_is_a_key_of_its_appsettings(string service, string project)
    {
        var keys = AppSettings.KeysOf(project);
        var given = compose[service].Environment.Keys
            .Concat(Dockerfile.Load(compose[service].Dockerfile!).Environment.Keys)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(given);
        var unknown = given.Where(v => !AppSettings.IsHostSetting(v) && !keys.Contains(AppSettings.KeyOf(v))).ToList();
        Assert.True(unknown.Count == 0,
            $"{service} is given settings {project}/appsettings.json does not have: {string.Join(", ", unknown)}. "
            + $"Add each with its default to {project}/appsettings.json, or fix the name.");
    }

    [Theory]
    [InlineData("Cluster__ClusterId")]
    [InlineData("Admin__ApiKey")]
    [InlineData("GrainStorage__Provider")]
    [InlineData("Telemetry__ZipkinEndpoint")]
    public void A_misspelt_or_foreign_setting_would_be_caught(string variable)
    {
        // The check above is only as good as this: a key from the other process or a typo is unknown.
        var silo = AppSettings.KeysOf("Silo");
        var api = AppSettings.KeysOf("Api");

        Assert.DoesNotContain(AppSettings.KeyOf(variable + "x"), silo.Concat(api));
        Assert.False(AppSettings.IsHostSetting(variable));
        Assert.Contains(AppSettings.KeyOf(variable), silo.Concat(api), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Secrets_come_from_the_environment_of_whoever_starts_the_stack()
    {
        var secrets = new[] { ("api", "Admin__ApiKey"), ("api", "Admin__Password"), ("silo-1", "Dashboard__Password"), ("silo-2", "Dashboard__Password") };

        Assert.All(secrets, s => Assert.StartsWith("${", compose[s.Item1].Environment.Get(s.Item2), StringComparison.Ordinal));
    }

    [Fact]
    public void Both_silos_get_the_same_settings()
    {
        Assert.Equal(compose["silo-1"].Environment.OrderBy(e => e.Key, StringComparer.Ordinal), compose["silo-2"].Environment.OrderBy(e => e.Key, StringComparer.Ordinal));
    }
}
