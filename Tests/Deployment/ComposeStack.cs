using System.Globalization;

namespace Loans.Tests.Deployment;

/// <summary>compose/docker-compose.yml, read the way Docker Compose reads it (paths relative to compose/).</summary>
internal sealed class ComposeStack
{
    public static string Directory { get; } = Path.Combine(Repository.Root, "compose");

    public static string FilePath { get; } = Path.Combine(Directory, "docker-compose.yml");

    private ComposeStack(IReadOnlyDictionary<string, ComposeService> services, IReadOnlySet<string> volumes)
    {
        Services = services;
        Volumes = volumes;
    }

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    /// <summary>The named volumes declared at the top level.</summary>
    public IReadOnlySet<string> Volumes { get; }

    public ComposeService this[string name] =>
        Services.TryGetValue(name, out var service) ? service : throw new Xunit.Sdk.XunitException($"compose has no service '{name}'.");

    /// <summary>The services built from one of the repository's Dockerfiles (the silos and the API, not the smoke suite).</summary>
    public IEnumerable<ComposeService> BuiltFrom(string dockerfile) =>
        Services.Values.Where(s => s.Dockerfile is not null && Path.GetFullPath(s.Dockerfile) == Path.GetFullPath(Path.Combine(Repository.Root, dockerfile)));

    public static ComposeStack Load()
    {
        var root = Yaml.LoadMap(FilePath);
        var services = Yaml.Map(root.Get("services"))!
            .ToDictionary(entry => entry.Key, entry => ComposeService.Read(entry.Key, Yaml.Map(entry.Value)!), StringComparer.Ordinal);
        var volumes = (Yaml.Map(root.Get("volumes")) ?? new Dictionary<string, object?>()).Keys.ToHashSet(StringComparer.Ordinal);
        return new ComposeStack(services, volumes);
    }
}

/// <summary>One service of the compose file, with its paths resolved against compose/.</summary>
internal sealed record ComposeService(
    string Name,
    string? Image,
    string? BuildContext,
    string? Dockerfile,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<PortMapping> Ports,
    IReadOnlyDictionary<string, string?> DependsOn,
    IReadOnlyList<string>? HealthCheck,
    IReadOnlyList<string> Profiles,
    IReadOnlyList<VolumeMount> Mounts,
    IReadOnlyList<string> Command)
{
    public static ComposeService Read(string name, IReadOnlyDictionary<string, object?> service)
    {
        var build = service.Get("build");
        string? context = null, dockerfile = null;
        if (build is string shortContext)
        {
            context = Path.GetFullPath(Path.Combine(ComposeStack.Directory, shortContext));
            dockerfile = Path.Combine(context, "Dockerfile");
        }
        else if (Yaml.Map(build) is { } buildMap)
        {
            context = Path.GetFullPath(Path.Combine(ComposeStack.Directory, Yaml.Scalar(buildMap.Get("context")) ?? "."));
            dockerfile = Path.Combine(context, Yaml.Scalar(buildMap.Get("dockerfile")) ?? "Dockerfile");
        }

        return new ComposeService(
            name,
            Yaml.Scalar(service.Get("image")),
            context,
            dockerfile,
            ReadEnvironment(service.Get("environment")),
            Yaml.List(service.Get("ports")).Select(port => PortMapping.Parse(Yaml.Scalar(port)!)).ToList(),
            ReadDependsOn(service.Get("depends_on")),
            ReadHealthCheck(Yaml.Map(service.Get("healthcheck"))),
            Yaml.List(service.Get("profiles")).Select(p => Yaml.Scalar(p)!).ToList(),
            Yaml.List(service.Get("volumes")).Select(v => VolumeMount.Parse(Yaml.Scalar(v)!)).ToList(),
            service.Get("command") is string shell
                ? shell.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                : Yaml.List(service.Get("command")).Select(part => Yaml.Scalar(part)!).ToList());
    }

    private static Dictionary<string, string> ReadEnvironment(object? node)
    {
        if (node is IList<object?> list)
        {
            return list.Select(item => Yaml.Scalar(item)!.Split('=', 2))
                .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "", StringComparer.Ordinal);
        }

        return (Yaml.Map(node) ?? new Dictionary<string, object?>())
            .ToDictionary(entry => entry.Key, entry => Yaml.Scalar(entry.Value) ?? "", StringComparer.Ordinal);
    }

    private static Dictionary<string, string?> ReadDependsOn(object? node)
    {
        if (node is IList<object?> list)
        {
            return list.ToDictionary(item => Yaml.Scalar(item)!, _ => (string?)null, StringComparer.Ordinal);
        }

        return (Yaml.Map(node) ?? new Dictionary<string, object?>())
            .ToDictionary(entry => entry.Key, entry => Yaml.Scalar(Yaml.Map(entry.Value).Get("condition")), StringComparer.Ordinal);
    }

    private static List<string>? ReadHealthCheck(IReadOnlyDictionary<string, object?>? healthcheck) =>
        healthcheck?.Get("test") switch
        {
            null => null,
            string shell => ["CMD-SHELL", shell],
            var test => Yaml.List(test).Select(part => Yaml.Scalar(part)!).ToList(),
        };
}

/// <summary>A published port, <c>HOST:CONTAINER</c> (optionally <c>IP:HOST:CONTAINER</c>).</summary>
internal sealed record PortMapping(int Host, int Container)
{
    public static PortMapping Parse(string text)
    {
        var parts = text.Split('/')[0].Split(':');
        return parts.Length >= 2
            ? new PortMapping(int.Parse(parts[^2], CultureInfo.InvariantCulture), int.Parse(parts[^1], CultureInfo.InvariantCulture))
            : throw new InvalidDataException($"Port '{text}' publishes no fixed host port.");
    }
}

/// <summary>A volume line, <c>SOURCE:TARGET[:ro]</c>: a bind mount when the source is a path, else a named volume.</summary>
internal sealed record VolumeMount(string Source, string Target, bool IsBind)
{
    public static VolumeMount Parse(string text)
    {
        var parts = text.Split(':');
        var isBind = parts[0].StartsWith('.') || parts[0].StartsWith('/');
        return new VolumeMount(isBind ? Path.GetFullPath(Path.Combine(ComposeStack.Directory, parts[0])) : parts[0], parts[1], isBind);
    }
}
