namespace Loans.Tests.Deployment;

internal static class DictionaryExtensions
{
    /// <summary>The value under a key, or the default when the map or the key is missing.</summary>
    public static TValue? Get<TValue>(this IReadOnlyDictionary<string, TValue>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value : default;
}
