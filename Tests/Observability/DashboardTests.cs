using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Loans.Tests.Observability;

/// <summary>
/// The Grafana dashboards in dashboards/, tested by what their panels would show: a real Prometheus (one-second
/// scrapes) scrapes the real silo and API through a release, and each panel's and annotation's own PromQL, read
/// from the dashboard JSON, is evaluated against it as Grafana would and compared with the traffic sent.
/// </summary>
public class DashboardTests
{
    private static readonly TimeSpan Scrape = TimeSpan.FromSeconds(1);

    /// <summary>Who a change made with the administrator key is recorded as.</summary>
    private const string ChangedBy = "admin-api-key";

    [Fact]
    public async Task A_release_shows_on_the_loan_orders_dashboard_flip_by_flip_with_the_orders_it_sent()
    {
        await using var system = await LoansSystem.Start(AdminCredentials.Settings);
        var systemStarted = DateTimeOffset.UtcNow;
        AdminCredentials.Authorize(system.Api);
        await using var prometheus = PrometheusServer.Start(system);
        await prometheus.WaitUntilScraping(TimeSpan.FromSeconds(60));

        var dashboard = GrafanaDashboards.Load("loan-orders.json");
        var annotation = GrafanaDashboards.Annotation(dashboard, "Toggle changes");
        var step = TimeSpan.FromSeconds(int.Parse(annotation["step"]!.GetValue<string>().TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture));

        // The toggle's gauges exist before the first change: otherwise the first flip would be the series' first sample.
        await WaitFor(prometheus, $"loans_feature_toggle_revision{{toggle=\"{FeatureNames.NewVerification}\"}}");
        var start = DateTimeOffset.UtcNow;

        // Probes and scrapes that must not count as API traffic.
        await system.Api.GetAsync("/health/live");
        await system.Api.GetAsync("/health/ready");

        var verified = 0;
        var rejected = 0;
        async Task Orders(int count)
        {
            for (var i = 0; i < count; i++)
            {
                if (await LoansTraffic.PostSampleOrder(system.Api) == "VERIFIED")
                {
                    verified++;
                }
                else
                {
                    rejected++;
                }
            }
        }

        var flips = new List<(DateTimeOffset At, string From, string To)>();
        var phases = new List<(DateTimeOffset At, string Mode, int Percentage)>();
        async Task Flip(object change, string from, string to, string mode, int percentage)
        {
            // Each flip in its own annotation step, so that every one of them is a mark of its own.
            await Task.Delay(step + Scrape);
            var at = DateTimeOffset.UtcNow;
            using var response = await system.Api.PutAsJsonAsync($"/features/{FeatureNames.NewVerification}", change);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>())!["changed"]!.GetValue<bool>());
            flips.Add((at, from, to));
            await Task.Delay(2 * Scrape);
            phases.Add((DateTimeOffset.UtcNow, mode, percentage));
        }

        await Orders(20);
        await LoansTraffic.PostSyntheticOrder(system.Api);
        await Flip(new { mode = "ON" }, "OFF", "ON", "on", 100);
        await Orders(3);
        await Flip(new { mode = "SHADOW" }, "ON", "SHADOW", "shadow", 0);
        await Orders(3);
        await LoansTraffic.PostSyntheticOrder(system.Api);
        await Flip(new { mode = "PERCENTAGE", percentage = 50 }, "SHADOW", "PERCENTAGE 50", "percentage", 50);
        await Orders(3);
        await Flip(new { mode = "OFF" }, "PERCENTAGE 50", "OFF", "off", 0);
        await Orders(3);

        // OFF again is not a change: no mark, no revision.
        await Task.Delay(step + Scrape);
        using (var again = await system.Api.PutAsJsonAsync($"/features/{FeatureNames.NewVerification}", new { mode = "OFF" }))
        {
            Assert.False((await again.Content.ReadFromJsonAsync<JsonObject>())!["changed"]!.GetValue<bool>());
        }

        await Task.Delay(step + 3 * Scrape);
        var end = DateTimeOffset.UtcNow;

        // The annotation: exactly the four flips, each at its time, with its old and new mode and who made it.
        var marks = Marks(await prometheus.QueryRange(annotation["expr"]!.GetValue<string>(), start, end, step));
        AssertFlips(flips, marks, step, "annotation");

        // The changes panel draws the same, at the panel's own step.
        var changesPanel = GrafanaDashboards.Targets(GrafanaDashboards.Panel(dashboard, "Feature toggle changes"))["A"];
        var panelStep = TimeSpan.FromSeconds(2);
        var points = Marks(await prometheus.QueryRange(Substitute(changesPanel, panelStep, end - start), start, end, panelStep));
        AssertFlips(flips, points, panelStep, "Feature toggle changes panel");

        // The state panel shows each phase's mode and percentage while it lasted, and OFF now.
        var state = GrafanaDashboards.Targets(GrafanaDashboards.Panel(dashboard, "Toggle state now"));
        foreach (var (at, mode, percentage) in phases.Append((end, "off", 0)))
        {
            var modes = await prometheus.Query(state["A"], at);
            Assert.Equal(
                [mode],
                modes.Where(m => m!["metric"]!["toggle"]!.GetValue<string>() == FeatureNames.NewVerification).Select(m => m!["metric"]!["mode"]!.GetValue<string>()).ToArray());
            var shares = await prometheus.Query(state["B"], at);
            Assert.Equal(percentage.ToString(System.Globalization.CultureInfo.InvariantCulture), shares.Single()!["value"]![1]!.GetValue<string>());
        }

        // Orders over the whole range: exactly what was sent, synthetic ones left out.
        var ordersInRange = GrafanaDashboards.Targets(GrafanaDashboards.Panel(dashboard, "Orders in the selected range by status"))["A"];
        // Read at the last scrape: increase() extrapolates to the end of its range, up to a scrape interval, which
        // Grafana's "now" between two scrapes would show as a fraction of an order.
        var lastScrape = DateTimeOffset.FromUnixTimeMilliseconds((long)(double.Parse(
            (await prometheus.Query("max(timestamp(loans_orders_total))", end)).Single()!["value"]![1]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) * 1000));
        var counts = (await prometheus.Query(Substitute(ordersInRange, step, lastScrape - systemStarted + TimeSpan.FromMinutes(1)), lastScrape))
            .ToDictionary(r => r!["metric"]!["status"]!.GetValue<string>(), r => r!["value"]![1]!.GetValue<string>());
        Assert.Equal(verified.ToString(System.Globalization.CultureInfo.InvariantCulture), counts["verified"]);
        Assert.Equal(rejected.ToString(System.Globalization.CultureInfo.InvariantCulture), counts["rejected"]);
        Assert.True(verified > 0 && rejected > 0, $"Both outcomes sent: {verified} verified, {rejected} rejected.");

        // Rate panels: each series where data was sent has values other than zero.
        async Task<IReadOnlyList<RangeSeries>> Panel(string title, string refId = "A") =>
            await prometheus.QueryRange(Substitute(GrafanaDashboards.Targets(GrafanaDashboards.Panel(dashboard, title))[refId], step, end - start), start, end, step);
        AssertNotOnlyZeros(await Panel("Orders per second by status"), "status", "verified", "rejected");
        AssertNotOnlyZeros(await Panel("Verifications per second by result"), "result", "passed", "failed");
        AssertNotOnlyZeros(await Panel("Synthetic (smoke-test) orders per second"), "status", "verified");
        AssertNotOnlyZeros(await Panel("Would-be rejections in shadow mode"), "toggle", FeatureNames.NewVerification);
        var exposure = await Panel("Verifications per second by toggle variant (exposure)");
        AssertNotOnlyZeros(exposure, "variant", "off", "on", "shadow");
        Assert.Contains(exposure, s => s.Label("variant").StartsWith("percentage_", StringComparison.Ordinal) && s.Points.Any(p => p.Value > 0));

        // The API's own scrapes and health probes are not API traffic.
        var routes = (await Panel("API requests per second by route and status")).Select(s => s.Label("http_route")).Distinct().ToList();
        Assert.Contains("/orders/", routes);
        Assert.DoesNotContain(routes, r => r.Contains("metrics", StringComparison.Ordinal) || r.Contains("health", StringComparison.Ordinal));

        // The verification timer in a normal run: no bucket holds half of the observations.
        using (var scraper = new HttpClient())
        {
            var silo0 = PrometheusText.Parse(await scraper.GetStringAsync(new Uri(system.SiloMetricsAddress, "/metrics")));
            var cumulative = silo0.Where(s => s.Name == "loans_customer_verification_duration_seconds_bucket")
                .GroupBy(s => s.Label("le")!)
                .Select(g => (Le: g.Key == "+Inf" ? double.PositiveInfinity : double.Parse(g.Key, System.Globalization.CultureInfo.InvariantCulture), Count: g.Sum(s => s.Value)))
                .OrderBy(b => b.Le)
                .ToList();
            var total = cumulative[^1].Count;
            Assert.Equal(verified + rejected + 2, total);
            var fullest = cumulative.Select((b, i) => (b.Le, Count: b.Count - (i == 0 ? 0 : cumulative[i - 1].Count))).MaxBy(b => b.Count);
            Assert.True(fullest.Count / total < 0.5, $"{fullest.Count} of {total} verifications fall in the bucket up to {fullest.Le} s.");
        }

        // The Orleans silo dashboard: series per silo, application grains without the Orleans Dashboard's own.
        var silo = GrafanaDashboards.Load("orleans-silo.json");
        var activations = await prometheus.Query(Substitute(GrafanaDashboards.Targets(GrafanaDashboards.Panel(silo, "Activations by grain type"))["A"], step, end - start));
        var grainTypes = activations.Select(a => a!["metric"]!["grain_type"]!.GetValue<string>()).ToList();
        Assert.Contains("fraudverifier", grainTypes);
        Assert.Contains("featuretoggle", grainTypes);
        Assert.DoesNotContain(grainTypes, t => t.StartsWith("sys.", StringComparison.Ordinal) || t.StartsWith("dashboard", StringComparison.Ordinal) || t == "management");
        Assert.Contains(await prometheus.Query("orleans_catalog_activations"), a => a!["metric"]!["grain_type"]!.GetValue<string>() == "dashboard");
        foreach (var panel in GrafanaDashboards.Panels(silo))
        {
            foreach (var (refId, expr) in GrafanaDashboards.Targets(panel))
            {
                foreach (var series in await prometheus.Query(Substitute(expr, step, end - start)))
                {
                    Assert.True(series!["metric"]!["instance"] is not null, $"Orleans silo panel '{panel["title"]}' {refId} has a series without an instance: {series}");
                }
            }
        }
    }

    private static async Task WaitFor(PrometheusServer prometheus, string query)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await prometheus.Query(query)).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Prometheus has no {query}.");
            await Task.Delay(250);
        }
    }

    private static string Substitute(string expression, TimeSpan interval, TimeSpan range) =>
        // Grafana's $__rate_interval: the step plus one scrape, at least four scrapes.
        GrafanaDashboards.Substitute(expression, interval, TimeSpan.FromTicks(Math.Max((interval + Scrape).Ticks, 4 * Scrape.Ticks)), range);

    /// <summary>The marks Grafana draws from a range query: one per run of consecutive non-zero points of a series.</summary>
    private static List<(DateTimeOffset At, RangeSeries Series)> Marks(IReadOnlyList<RangeSeries> result) =>
        [.. result.SelectMany(series => series.Points
                .Where((point, i) => point.Value != 0 && (i == 0 || series.Points[i - 1].Value == 0 || series.Points[i - 1].Time < point.Time - TimeSpan.FromMinutes(1)))
                .Select(point => (point.Time, series)))
            .OrderBy(mark => mark.Time)];

    private static void AssertFlips(List<(DateTimeOffset At, string From, string To)> flips, List<(DateTimeOffset At, RangeSeries Series)> marks, TimeSpan step, string where)
    {
        var seen = string.Join("; ", marks.Select(m => $"{m.At:HH:mm:ss} {m.Series.Label("from")} -> {m.Series.Label("to")}"));
        Assert.True(flips.Count == marks.Count, $"{where}: {flips.Count} flips, {marks.Count} marks: {seen}");
        foreach (var ((at, from, to), (markedAt, series)) in flips.Zip(marks))
        {
            Assert.Equal((FeatureNames.NewVerification, from, to, ChangedBy), (series.Label("toggle"), series.Label("from"), series.Label("to"), series.Label("changed_by")));
            // The mark is the first step at or after the flip that a scrape has seen it in.
            Assert.True(markedAt >= at - TimeSpan.FromSeconds(1) && markedAt <= at + step + 2 * Scrape + TimeSpan.FromSeconds(1), $"{where}: {from} -> {to} flipped at {at:HH:mm:ss.fff}, marked at {markedAt:HH:mm:ss.fff}");
        }
    }

    private static void AssertNotOnlyZeros(IReadOnlyList<RangeSeries> result, string label, params string[] values)
    {
        foreach (var value in values)
        {
            var series = result.Where(s => s.Label(label) == value).ToList();
            Assert.True(series.Count > 0, $"No series with {label}={value}.");
            Assert.True(series.Any(s => s.Points.Any(p => p.Value > 0)), $"The series with {label}={value} is only zeros where data was sent.");
        }
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
