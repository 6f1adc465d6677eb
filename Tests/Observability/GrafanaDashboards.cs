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
    public static string Substitute(string expression) => expression
        .Replace("$__rate_interval", "1m", StringComparison.Ordinal)
        .Replace("$__interval", "15s", StringComparison.Ordinal)
        .Replace("$__range", "5m", StringComparison.Ordinal);
}
