using System.Text.Json.Nodes;

namespace Loans.Tests.Cluster;

/// <summary>The clustering switch refuses half a configuration, and the documented tuning is Orleans' own default.</summary>
public sealed class ClusterSettingsTests
{
    [Theory]
    [InlineData("Silo")]
    [InlineData("Api")]
    public async Task Redis_membership_without_a_connection_string_refuses_to_start_naming_the_setting(string project)
    {
        using var directory = new TemporaryDirectory("cluster-startup");
        await using var process = LoansProcess.Start(project, project, directory.Path, new Dictionary<string, string>(AdminCredentials.Settings)
        {
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Cluster__Membership"] = "Redis",
            ["Cluster__RedisConnectionString"] = "",
        });

        await StartupFailure.AssertExitsNaming(process, "Cluster:RedisConnectionString", $"{project} started with Redis membership and no connection string.");
    }

    [Fact]
    public void The_membership_tuning_in_the_silo_settings_is_the_Orleans_default()
    {
        var cluster = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "Silo", "appsettings.json")))!["Cluster"]!;
        var defaults = new Orleans.Configuration.ClusterMembershipOptions();
        var tuning = typeof(Orleans.Configuration.ClusterMembershipOptions).GetProperties()
            .Where(p => p.CanWrite && cluster.ContainsKey(p.Name))
            .ToArray();

        Assert.True(tuning.Length >= 5, "The silo settings should show Orleans' main membership tuning keys.");
        foreach (var property in tuning)
        {
            var expected = property.GetValue(defaults);
            var configured = cluster[property.Name]!.ToString();
            var actual = property.PropertyType == typeof(TimeSpan) ? (object)TimeSpan.Parse(configured, System.Globalization.CultureInfo.InvariantCulture)
                : property.PropertyType == typeof(TimeSpan?) ? TimeSpan.Parse(configured, System.Globalization.CultureInfo.InvariantCulture)
                : Convert.ChangeType(configured, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Equals(expected, actual), $"Cluster:{property.Name} is {configured} in Silo/appsettings.json; Orleans' default is {expected}.");
        }
    }
}
