using System.Diagnostics;
using Loans.Tests.Deployment;

namespace Loans.Tests.Observability;

/// <summary>
/// The alert and recording rules in dashboards/alerts.yml, unit-tested with promtool against the cases in
/// dashboards/tests (series in, alerts out), and held to a standard: every alert is seen firing and seen
/// silent, every recorded series has its value checked, every alert says what it is and where its runbook is.
/// </summary>
public class AlertRuleTests
{
    private static readonly string Dashboards = Path.Combine(Repository.Root, "dashboards");
    private static readonly string RuleFile = Path.Combine(Dashboards, "alerts.yml");
    private static readonly string[] TestFiles = Directory.GetFiles(Path.Combine(Dashboards, "tests"), "*.yml");

    [Fact]
    public async Task The_rules_pass_promtool_check_and_every_unit_test_case()
    {
        await Promtool("check", "rules", RuleFile);
        Assert.NotEmpty(TestFiles);
        foreach (var tests in TestFiles)
        {
            await Promtool("test", "rules", tests);
        }
    }

    [Fact]
    public void Every_alert_is_tested_firing_and_staying_silent()
    {
        var checks = TestCases().SelectMany(test => Yaml.List(test.GetValueOrDefault("alert_rule_test")).Select(Yaml.Map)).ToList();

        Assert.All(Alerts(), alert =>
        {
            var name = Yaml.Scalar(alert.Get("alert"));
            var mine = checks.Where(c => Yaml.Scalar(c!.Get("alertname")) == name).ToList();
            Assert.True(mine.Any(c => Yaml.List(c!.GetValueOrDefault("exp_alerts")).Count > 0), $"No test case sees {name} fire.");
            Assert.True(mine.Any(c => Yaml.List(c!.GetValueOrDefault("exp_alerts")).Count == 0), $"No test case sees {name} stay silent.");
        });
    }

    [Fact]
    public void Every_recording_rule_has_its_value_checked()
    {
        var expressions = TestCases()
            .SelectMany(test => Yaml.List(test.GetValueOrDefault("promql_expr_test")).Select(Yaml.Map))
            .Where(check => Yaml.List(check!.GetValueOrDefault("exp_samples")).Count > 0)
            .Select(check => Yaml.Scalar(check!.Get("expr"))!)
            .ToList();
        var records = Rules().Select(rule => Yaml.Scalar(rule.GetValueOrDefault("record"))).OfType<string>().ToList();

        Assert.NotEmpty(records);
        Assert.All(records, record => Assert.True(
            expressions.Any(e => System.Text.RegularExpressions.Regex.IsMatch(e, $@"(^|[^\w:]){System.Text.RegularExpressions.Regex.Escape(record)}($|[^\w:])")),
            $"No promql_expr_test checks a value of {record}."));
    }

    [Fact]
    public void Every_alert_has_a_summary_a_description_and_a_runbook_section_that_exists()
    {
        var runbooks = File.ReadAllLines(Path.Combine(Repository.Root, "docs", "runbooks.md"));
        var anchors = runbooks.Where(line => line.StartsWith("## ", StringComparison.Ordinal))
            .Select(line => line[3..].Trim().ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(Alerts(), alert =>
        {
            var name = Yaml.Scalar(alert.Get("alert"))!;
            var annotations = Yaml.Map(alert.Get("annotations"))!;
            Assert.False(string.IsNullOrWhiteSpace(Yaml.Scalar(annotations.GetValueOrDefault("summary"))), $"{name} has no summary.");
            Assert.False(string.IsNullOrWhiteSpace(Yaml.Scalar(annotations.GetValueOrDefault("description"))), $"{name} has no description.");
            Assert.Equal($"docs/runbooks.md#{name.ToLowerInvariant()}", Yaml.Scalar(annotations.GetValueOrDefault("runbook_url")));
            Assert.Contains(name.ToLowerInvariant(), anchors);
        });
    }

    private static IEnumerable<IReadOnlyDictionary<string, object?>> Rules() =>
        Yaml.List(Yaml.LoadMap(RuleFile).Get("groups"))
            .SelectMany(group => Yaml.List(Yaml.Map(group)!.Get("rules")))
            .Select(rule => Yaml.Map(rule)!);

    private static IEnumerable<IReadOnlyDictionary<string, object?>> Alerts() => Rules().Where(rule => rule.ContainsKey("alert"));

    private static IEnumerable<IReadOnlyDictionary<string, object?>> TestCases() =>
        TestFiles.SelectMany(file => Yaml.List(Yaml.LoadMap(file).Get("tests")).Select(test => Yaml.Map(test)!));

    private static async Task Promtool(params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/promtool") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Dashboards };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"promtool {string.Join(' ', arguments)} failed:{Environment.NewLine}{string.Concat(output)}");
    }
}
