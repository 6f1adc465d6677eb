using System.Text.Json.Nodes;
using Loans.Tests.Observability;

namespace Loans.Tests.Cluster;

/// <summary>
/// The dashboards with two silos, by value against a real Prometheus scraping both: the "Orleans silo" panels
/// draw one series per silo, and a toggle change is reported by every silo yet marked once.
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class OrleansSiloDashboardTests(RedisClusterFixture fixture)
{
    [SkippableFact]
    public async Task Every_silo_has_its_own_series_and_a_toggle_change_is_one_mark_reported_by_both()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var cluster = fixture.Cluster;
        await cluster.EnsureHealthy();
        using var admin = new HttpClient { BaseAddress = cluster.ApiAddress };
        AdminCredentials.Authorize(admin);
        await using var prometheus = PrometheusServer.Start([.. cluster.Silos.Select(s => s.MetricsAddress)], cluster.ApiAddress);
        await prometheus.WaitUntilScraping(TimeSpan.FromSeconds(60), targets: 3);
        var instances = cluster.Silos.Select(s => $"127.0.0.1:{s.MetricsAddress.Port}").Order().ToArray();

        // Both silos report the toggle before it changes, and both follow the change.
        var before = await Revisions(prometheus, instances.Length);
        // The annotation compares each step with the one before (offset 5s): a change is a mark only once the
        // Prometheus this test just started holds the old value from a step before it, as a long-running one does.
        await prometheus.WaitUntil($"count(loans_feature_toggle_revision{{toggle=\"{FeatureNames.NewVerification}\"}} offset 6s) == {instances.Length}",
            TimeSpan.FromSeconds(30), "both silos' revisions from 6 s ago");
        var start = DateTimeOffset.UtcNow;
        using (var response = await admin.PutAsJsonAsync($"/features/{FeatureNames.NewVerification}", new { mode = "SHADOW" }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        try
        {
            for (var i = 0; i < 20; i++)
            {
                await LoansTraffic.PostSampleOrder(cluster.Api);
            }

            await Task.Delay(TimeSpan.FromSeconds(8));
            var after = await Revisions(prometheus, instances.Length);
            Assert.Equal(instances, after.Keys.Order().ToArray());
            Assert.All(after, silo => Assert.Equal(before[silo.Key] + 1, silo.Value));

            // The change annotation marks it once, though two silos report it.
            var dashboard = GrafanaDashboards.Load("loan-orders.json");
            var annotation = GrafanaDashboards.Annotation(dashboard, "Toggle changes");
            var step = TimeSpan.FromSeconds(5);
            var marks = (await prometheus.QueryRange(annotation["expr"]!.GetValue<string>(), start, DateTimeOffset.UtcNow, step))
                .SelectMany(s => s.Points.Where(p => p.Value != 0).Select(p => (s.Label("from"), s.Label("to"))))
                .ToList();
            Assert.True(marks.Distinct().SequenceEqual([("OFF", "SHADOW")]),
                $"Marks {string.Join(", ", marks)}; revisions and last changes as Prometheus saw them:{Environment.NewLine}" +
                await Series(prometheus, "loans_feature_toggle_revision", start) + await Series(prometheus, "loans_feature_toggle_last_change", start));
            Assert.InRange(marks.Count, 1, 2);
        }
        finally
        {
            using var off = await admin.PutAsJsonAsync($"/features/{FeatureNames.NewVerification}", new { mode = "OFF" });
        }

        // "Orleans silo": each panel's series are per silo, both silos present where both have data.
        var silo = GrafanaDashboards.Load("orleans-silo.json");
        foreach (var title in new[] { "CPU (cores used)", "Memory", "GC pause time", "Activations by grain type", "Silo up" })
        {
            foreach (var (refId, expr) in GrafanaDashboards.Targets(GrafanaDashboards.Panel(silo, title)))
            {
                var result = await prometheus.Query(GrafanaDashboards.Substitute(expr, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6), TimeSpan.FromMinutes(5)));
                var seen = result.Select(r => r!["metric"]!["instance"]?.GetValue<string>() ?? "(none)").Distinct().Order().ToArray();
                Assert.True(instances.SequenceEqual(seen), $"'{title}' {refId}: series for {string.Join(", ", seen)}, silos {string.Join(", ", instances)}");
            }
        }

        var grainTypes = (await prometheus.Query(GrafanaDashboards.Substitute(
                GrafanaDashboards.Targets(GrafanaDashboards.Panel(silo, "Activations by grain type"))["A"], TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6), TimeSpan.FromMinutes(5))))
            .Select(r => r!["metric"]!["grain_type"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain(grainTypes, t => t.StartsWith("dashboard", StringComparison.Ordinal) || t == "management" || t.StartsWith("sys.", StringComparison.Ordinal));
    }

    private static async Task<string> Series(PrometheusServer prometheus, string metric, DateTimeOffset start) =>
        string.Join(Environment.NewLine, (await prometheus.QueryRange(metric, start.AddSeconds(-10), DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1)))
            .Select(s => $"{metric} {string.Join(",", s.Labels.Select(l => $"{l.Key}={l.Value}"))}: " +
                         string.Join(" ", s.Points.Select(p => $"{p.Time:HH:mm:ss}={p.Value}")))) + Environment.NewLine;

    private static async Task<Dictionary<string, double>> Revisions(PrometheusServer prometheus, int silos)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var result = await prometheus.Query($"loans_feature_toggle_revision{{toggle=\"{FeatureNames.NewVerification}\"}}");
            if (result.Count == silos)
            {
                return result.ToDictionary(
                    r => r!["metric"]!["instance"]!.GetValue<string>(),
                    r => double.Parse(r!["value"]![1]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
            }

            Assert.True(DateTime.UtcNow < deadline, $"{result.Count} silos report the toggle's revision, not {silos}: {result.ToJsonString()}");
            await Task.Delay(250);
        }
    }
}
