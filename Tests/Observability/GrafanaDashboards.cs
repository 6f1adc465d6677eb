using System.Text.Json.Nodes;

namespace Loans.Tests.Observability;

/// <summary>The provisioned Grafana dashboards under dashboards/grafana/dashboards, and the queries in them.</summary>
public static class GrafanaDashboards
{
    public const string DatasourceUid = "prometheus";

    public static string Folder => Path.Combine(Repository.Root, "dashboards", "grafana", "dashboards");

    public static IReadOnlyList<(string File, JsonObject Dashboard)> All() =>
        [.. Directory.GetFiles(Folder, "*.json").Order().Select(file => (Path.GetFileName(file), JsonNode.Parse(File.ReadAllText(file))!.AsObject()))];

    public static IEnumerable<JsonObject> Panels(JsonObject dashboard) =>
        dashboard["panels"]!.AsArray().Select(panel => panel!.AsObject())
            .SelectMany(panel => panel["panels"] is JsonArray nested ? [panel, .. nested.Select(p => p!.AsObject())] : new[] { panel });

    /// <summary>Every PromQL expression: panel targets and annotation queries, with where it was found.</summary>
    public static IEnumerable<(string Where, string Expression)> Queries(string file, JsonObject dashboard)
    {
        foreach (var panel in Panels(dashboard))
        {
            foreach (var target in panel["targets"]?.AsArray() ?? [])
            {
                if (target?["expr"]?.GetValue<string>() is { } expr)
                {
                    yield return ($"{file} panel '{panel["title"]}' {target["refId"]}", expr);
                }
            }
        }

        foreach (var annotation in dashboard["annotations"]?["list"]?.AsArray() ?? [])
        {
            if (annotation?["expr"]?.GetValue<string>() is { } expr)
            {
                yield return ($"{file} annotation '{annotation["name"]}'", expr);
            }
        }
    }

    /// <summary>Grafana's built-in interval variables, as Grafana would fill them in for a short time range.</summary>
    public static string Substitute(string expression) => Substitute(expression, TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));

    /// <summary>
    /// Fills in Grafana's variables as Grafana does for a query with the given step (<c>$__interval</c>), rate window
    /// (<c>$__rate_interval</c>: at least four scrape intervals) and time range; the silo variable selects every silo.
    /// </summary>
    public static string Substitute(string expression, TimeSpan interval, TimeSpan rateInterval, TimeSpan range) => expression
        .Replace("$__rate_interval", Seconds(rateInterval), StringComparison.Ordinal)
        .Replace("$__interval", Seconds(interval), StringComparison.Ordinal)
        .Replace("$__range", Seconds(range), StringComparison.Ordinal)
        .Replace("$instance", ".*", StringComparison.Ordinal);

    public static JsonObject Load(string file) => All().Single(d => d.File == file).Dashboard;

    public static JsonObject Panel(JsonObject dashboard, string title) =>
        Panels(dashboard).SingleOrDefault(p => p["title"]!.GetValue<string>() == title) ?? throw new InvalidOperationException($"No panel '{title}'.");

    /// <summary>A panel's target expressions, by refId.</summary>
    public static IReadOnlyDictionary<string, string> Targets(JsonObject panel) =>
        panel["targets"]!.AsArray().ToDictionary(t => t!["refId"]!.GetValue<string>(), t => t!["expr"]!.GetValue<string>());

    public static JsonObject Annotation(JsonObject dashboard, string name) =>
        dashboard["annotations"]!["list"]!.AsArray().Select(a => a!.AsObject()).Single(a => a["name"]!.GetValue<string>() == name);

    private static string Seconds(TimeSpan span) => $"{(long)Math.Ceiling(span.TotalSeconds)}s";
}
