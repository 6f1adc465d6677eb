namespace Loans.Tests.Infrastructure;

/// <summary>
/// The environment of a process a test starts: the inherited one without anything .NET configuration would
/// read as a setting, plus the test's own settings. A developer who exported <c>Admin__ApiKey</c> or
/// <c>ASPNETCORE_URLS</c> in their shell must get the same run as CI.
/// </summary>
public static class ProcessEnvironment
{
    // Root-level keys the hosts read from unprefixed variables (configuration keys are case-insensitive),
    // and the same keys behind the host prefixes DOTNET_ and ASPNETCORE_.
    private static readonly HashSet<string> RootSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "URLS", "HTTP_PORTS", "HTTPS_PORTS", "ALLOWEDHOSTS", "ENVIRONMENT", "CONTENTROOT", "APPLICATIONNAME",
        "HOSTINGSTARTUPASSEMBLIES", "HOSTINGSTARTUPEXCLUDEASSEMBLIES", "PREVENTHOSTINGSTARTUP", "SHUTDOWNTIMEOUTSECONDS",
        "DETAILEDERRORS", "WEBROOT", "SUPPRESSSTATUSMESSAGES",
    };

    private static readonly string[] HostPrefixes = ["DOTNET_", "ASPNETCORE_"];

    /// <summary>True for an inherited variable that .NET configuration would read as a setting of the process.</summary>
    public static bool IsSetting(string name)
    {
        if (name.Contains("__", StringComparison.Ordinal))
        {
            return true;
        }

        var key = HostPrefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)) is { } prefix ? name[prefix.Length..] : name;
        return RootSettings.Contains(key);
    }

    /// <summary>The inherited variables that are not settings, then the test's settings over them.</summary>
    public static Dictionary<string, string?> Build(IEnumerable<KeyValuePair<string, string?>> inherited, IReadOnlyDictionary<string, string> settings)
    {
        var environment = inherited.Where(variable => !IsSetting(variable.Key)).ToDictionary(StringComparer.Ordinal);
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return environment;
    }
}
