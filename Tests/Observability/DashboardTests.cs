using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Loans.Tests.Observability;

/// <summary>
/// The Grafana dashboards and the Prometheus configuration in dashboards/ work against a real Prometheus
/// scraping the real silo and API: every panel and annotation query returns data after some traffic.
/// </summary>
public class DashboardTests
{
    [Fact]
    public async Task Every_dashboard_query_returns_data_from_a_real_prometheus_after_traffic()
    {
        await using var system = await LoansSystem.Start(AdminCredentials.Settings);
        AdminCredentials.Authorize(system.Api);
        await using var prometheus = PrometheusServer.Start(system);
        await prometheus.WaitUntilScraping(TimeSpan.FromSeconds(60));

        // Traffic of both outcomes, and toggle switches seen by at least two scrapes each, so counters
        // have increases to show.
        for (var round = 0; round < 3; round++)
        {
            await LoansTraffic.PostSampleOrder(system.Api);
            await LoansTraffic.SetNewVerification(system.Api, enabled: true);
            await LoansTraffic.PostSampleOrder(system.Api);
            await Task.Delay(1500);
            await LoansTraffic.SetNewVerificationMode(system.Api, "SHADOW");
            await LoansTraffic.PostSampleOrder(system.Api);
            await LoansTraffic.PostSyntheticOrder(system.Api);
            await Task.Delay(1500);
            await LoansTraffic.SetNewVerification(system.Api, enabled: false);
            await Task.Delay(1500);
        }

        await Task.Delay(3000);

        var empty = new List<string>();
        var queried = 0;
        foreach (var (file, dashboard) in GrafanaDashboards.All())
        {
            foreach (var (where, expression) in GrafanaDashboards.Queries(file, dashboard))
            {
                queried++;
                var result = await prometheus.Query(GrafanaDashboards.Substitute(expression));
                if (result.Count == 0)
                {
                    empty.Add($"{where}: {expression}");
                }
            }
        }

        Assert.True(queried >= 20, $"Only {queried} queries found in the dashboards.");
        Assert.True(empty.Count == 0, $"Queries with no data:{Environment.NewLine}{string.Join(Environment.NewLine, empty)}");

        // The alert rules load and evaluate without errors against the same data.
        var rules = await prometheus.Client.GetFromJsonAsync<JsonObject>("/api/v1/rules");
        var loaded = rules!["data"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => r!.AsObject()).ToList();
        Assert.Equal(5, loaded.Count);
        Assert.All(loaded, rule => Assert.NotEqual("err", rule["health"]!.GetValue<string>()));
        Assert.Equal("inactive", loaded.Single(r => r["name"]!.GetValue<string>() == "SiloDown")["state"]!.GetValue<string>());
    }

    [Fact]
    public void Dashboards_have_unique_panel_ids_and_use_the_provisioned_datasource()
    {
        var provisioned = File.ReadAllText(Path.Combine(Repository.Root, "dashboards", "grafana", "provisioning", "datasources", "prometheus.yml"));
        Assert.Contains($"uid: {GrafanaDashboards.DatasourceUid}", provisioned, StringComparison.Ordinal);

        var dashboards = GrafanaDashboards.All();
        Assert.Contains(dashboards, d => d.Dashboard["title"]!.GetValue<string>() == "Loan orders");
        Assert.Contains(dashboards, d => d.Dashboard["title"]!.GetValue<string>() == "Orleans silo");
        Assert.Equal(dashboards.Count, dashboards.Select(d => d.Dashboard["uid"]!.GetValue<string>()).Distinct().Count());
        foreach (var (file, dashboard) in dashboards)
        {
            var panels = GrafanaDashboards.Panels(dashboard).ToList();
            Assert.NotEmpty(panels);
            var ids = panels.Select(p => p["id"]!.GetValue<int>()).ToList();
            Assert.True(ids.Count == ids.Distinct().Count(), $"{file} has duplicate panel ids: {string.Join(",", ids)}");
            foreach (var panel in panels)
            {
                Assert.True(panel["gridPos"] is JsonObject, $"{file} panel {panel["id"]} has no gridPos.");
                Assert.Equal(GrafanaDashboards.DatasourceUid, panel["datasource"]?["uid"]?.GetValue<string>());
                var targets = panel["targets"]!.AsArray();
                Assert.NotEmpty(targets);
                Assert.All(targets, t => Assert.Equal(GrafanaDashboards.DatasourceUid, t!["datasource"]?["uid"]?.GetValue<string>()));
            }
        }
    }

    [Fact]
    public async Task Prometheus_config_and_alert_rules_pass_promtool()
    {
        var dashboards = Path.Combine(Repository.Root, "dashboards");
        await Promtool("check", "config", Path.Combine(dashboards, "prometheus.yml"));
        await Promtool("check", "rules", Path.Combine(dashboards, "alerts.yml"));
    }

    private static async Task Promtool(params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/promtool") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"promtool {string.Join(' ', arguments)} failed:{Environment.NewLine}{output}");
    }
}
