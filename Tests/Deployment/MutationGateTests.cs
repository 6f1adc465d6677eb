using System.Text.Json.Nodes;

namespace Loans.Tests.Deployment;

/// <summary>
/// CI fails when the fraud rules, the toggle code or the API's retry path lose tests that notice a wrong line: both
/// CI entry points run ./mutate.sh on those areas, and each area's Stryker configuration breaks under the score the issue set.
/// </summary>
public class MutationGateTests
{
    [Fact]
    public void The_ci_script_and_the_workflow_run_the_rules_toggle_and_resilience_areas_after_the_suite()
    {
        var ci = File.ReadAllLines(Path.Combine(Repository.Root, ".ci", "run")).Select(l => l.Trim()).ToList();
        var workflow = File.ReadAllText(Path.Combine(Repository.Root, ".github", "workflows", "ci.yml"));

        Assert.True(ci.IndexOf("./mutate.sh rules toggles resilience") > ci.IndexOf("./test.sh"), ".ci/run must run the mutation step after the suite");
        Assert.Contains("run: ./mutate.sh rules toggles resilience", workflow, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rules", 90, "Grains.csproj")]
    [InlineData("toggles", 85, "Grains.csproj")]
    [InlineData("requests", 85, "Api.csproj")]
    [InlineData("storage", 85, "Silo.csproj")]
    [InlineData("resilience", 85, "Api.csproj")]
    public void Each_area_breaks_under_its_target_score_with_its_own_tests_and_per_test_coverage(string area, int target, string project)
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "mutation", $"{area}.json")))!["stryker-config"]!;

        Assert.Equal(project, config["project"]!.GetValue<string>());
        Assert.True(config["thresholds"]!["break"]!.GetValue<int>() >= target, $"{area} must break under {target} %");
        Assert.Equal("perTest", config["coverage-analysis"]!.GetValue<string>());
        Assert.InRange(config["concurrency"]!.GetValue<int>(), 1, 2);
        Assert.Contains("html", config["reporters"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Contains("json", config["reporters"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(config["test-case-filter"]?.GetValue<string>()), $"{area} must name the tests that specify it");
    }

    [Fact]
    public void Stryker_is_pinned_as_a_local_tool()
    {
        var tools = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, ".config", "dotnet-tools.json")))!["tools"]!;

        Assert.Equal("5.1.0", tools["dotnet-stryker"]!["version"]!.GetValue<string>());
    }
}
