using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Loans.Tests.Deployment;

/// <summary>
/// Reads a YAML file into plain maps, lists and strings, resolving anchors and merge keys (<c>&lt;&lt;: *silo</c>)
/// the way Docker Compose does.
/// </summary>
internal static class Yaml
{
    public static IReadOnlyDictionary<string, object?> LoadMap(string path)
    {
        using var reader = new StreamReader(path);
        var document = new DeserializerBuilder().Build().Deserialize<object>(new MergingParser(new Parser(reader)));
        return Map(document) ?? throw new InvalidDataException($"{path} is empty.");
    }

    public static IReadOnlyDictionary<string, object?>? Map(object? node) =>
        node switch
        {
            null => null,
            IDictionary<object, object?> map => map.ToDictionary(entry => (string)entry.Key, entry => entry.Value, StringComparer.Ordinal),
            _ => throw new InvalidDataException($"Expected a mapping, found {node.GetType().Name}: {node}."),
        };

    public static IReadOnlyList<object?> List(object? node) =>
        node switch
        {
            null => [],
            IList<object?> list => list.ToList(),
            _ => throw new InvalidDataException($"Expected a sequence, found {node.GetType().Name}: {node}."),
        };

    public static string? Scalar(object? node) =>
        node switch
        {
            null => null,
            string text => text,
            _ => throw new InvalidDataException($"Expected a scalar, found {node.GetType().Name}."),
        };
}
