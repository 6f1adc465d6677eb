using System.Text.Json.Nodes;

namespace Loans.Tests.Observability;

/// <summary>Readable accessors for a span in Zipkin's JSON v2 format.</summary>
public static class ZipkinSpan
{
    public static string TraceId(this JsonObject span) => span["traceId"]!.GetValue<string>();

    public static string Id(this JsonObject span) => span["id"]!.GetValue<string>();

    public static string? ParentId(this JsonObject span) => span["parentId"]?.GetValue<string>();

    public static string Name(this JsonObject span) => span["name"]!.GetValue<string>();

    public static string? Kind(this JsonObject span) => span["kind"]?.GetValue<string>();

    public static string Service(this JsonObject span) => span["localEndpoint"]!["serviceName"]!.GetValue<string>();

    public static string? Tag(this JsonObject span, string key) => span["tags"]?[key]?.GetValue<string>();

    public static IEnumerable<string> Annotations(this JsonObject span) =>
        span["annotations"]?.AsArray().Select(a => a!["value"]!.GetValue<string>()) ?? [];

    public static string Describe(this JsonObject span) => $"{span.Service()} {span.Kind()} '{span.Name()}'";
}
