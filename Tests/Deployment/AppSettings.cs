using System.Text.Json.Nodes;

namespace Loans.Tests.Deployment;

/// <summary>The setting keys a process reads: every key of its appsettings.json, flattened to <c>Section:Key</c>.</summary>
internal static class AppSettings
{
    /// <summary>
    /// Keys the ASP.NET Core host itself reads, which have no place in appsettings.json. A variable is
    /// allowed when it equals one of these or starts with one that ends in an underscore.
    /// </summary>
    public static readonly IReadOnlyList<string> HostSettings = ["Urls", "ASPNETCORE_", "DOTNET_"];

    public static IReadOnlySet<string> KeysOf(string project)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, project, "appsettings.json")))!;
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Flatten(json, "", keys);
        return keys;
    }

    /// <summary>The configuration key an environment variable sets (<c>A__B</c> is <c>A:B</c>).</summary>
    public static string KeyOf(string environmentVariable) => environmentVariable.Replace("__", ":", StringComparison.Ordinal);

    public static bool IsHostSetting(string variable) =>
        HostSettings.Any(h => h.EndsWith('_') ? variable.StartsWith(h, StringComparison.Ordinal) : variable.Equals(h, StringComparison.OrdinalIgnoreCase));

    private static void Flatten(JsonNode node, string prefix, HashSet<string> keys)
    {
        if (node is JsonObject section)
        {
            foreach (var (name, child) in section)
            {
                var key = prefix.Length == 0 ? name : $"{prefix}:{name}";
                if (child is JsonObject)
                {
                    Flatten(child, key, keys);
                }
                else
                {
                    keys.Add(key);
                }
            }
        }
    }
}
