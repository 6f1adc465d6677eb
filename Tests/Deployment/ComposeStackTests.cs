using System.Text.RegularExpressions;

namespace Loans.Tests.Deployment;

/// <summary>
/// compose/docker-compose.yml, checked without Docker: the services the stack needs are there, start in an
/// order that waits for health, publish the documented ports and mount files that exist.
/// </summary>
public partial class ComposeStackTests
{
    private static readonly string[] StackServices = ["mongo", "redis", "zipkin", "silo-1", "silo-2", "api", "prometheus", "grafana"];

    private readonly ComposeStack compose = ComposeStack.Load();

    [Fact]
    public void The_stack_runs_storage_membership_two_silos_the_api_and_the_observability_services()
    {
        Assert.Equal(
            StackServices.Append("smoke").Order(StringComparer.Ordinal),
            compose.Services.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_image_is_pinned_to_a_version()
    {
        var images = compose.Services.Values
            .Where(s => s.BuildContext is null)
            .Select(s => (Where: $"service {s.Name}", Image: s.Image ?? ""))
            .Concat(compose.Services.Values
                .Where(s => s.Dockerfile is not null && File.Exists(s.Dockerfile))
                .SelectMany(s => Dockerfile.Load(s.Dockerfile!).BaseImages.Select(image => (Where: Path.GetRelativePath(Repository.Root, s.Dockerfile!), Image: image))))
            .Distinct()
            .ToList();

        Assert.NotEmpty(images);
        Assert.All(images, image => Assert.True(
            IsPinned(image.Image),
            $"{image.Where}: image '{image.Image}' is not pinned to a version (want name:MAJOR.MINOR.PATCH..., never latest)."));
    }

    [Fact]
    public void Every_service_of_the_stack_has_a_health_check()
    {
        Assert.All(StackServices, name => Assert.True(
            compose[name].HealthCheck is { Count: > 1 } test && test[0] is "CMD" or "CMD-SHELL",
            $"{name} has no health check, so nothing can wait for it to be ready."));
    }

    [Fact]
    public void Every_dependency_exists_has_a_health_check_and_is_waited_for_until_healthy()
    {
        var dependencies = compose.Services.Values.SelectMany(s => s.DependsOn.Select(d => (Service: s.Name, On: d.Key, Condition: d.Value))).ToList();

        Assert.NotEmpty(dependencies);
        Assert.All(dependencies, d =>
        {
            Assert.True(compose.Services.ContainsKey(d.On), $"{d.Service} depends on '{d.On}', which compose does not define.");
            Assert.True(compose[d.On].HealthCheck is not null, $"{d.Service} depends on {d.On}, which has no health check.");
            Assert.True(d.Condition == "service_healthy", $"{d.Service} must wait for {d.On} with condition: service_healthy, not '{d.Condition ?? "started"}'.");
        });
    }

    [Fact]
    public void The_api_waits_for_both_silos_and_the_silos_for_their_storage_and_membership()
    {
        Assert.Superset(new HashSet<string> { "silo-1", "silo-2", "redis" }, compose["api"].DependsOn.Keys.ToHashSet());
        Assert.All(new[] { "silo-1", "silo-2" }, silo =>
            Assert.Superset(new HashSet<string> { "mongo", "redis" }, compose[silo].DependsOn.Keys.ToHashSet()));
    }

    [Theory]
    [InlineData("api", 9091, 9091, "http://localhost:9091")]
    [InlineData("zipkin", 9411, 9411, "http://localhost:9411")]
    [InlineData("prometheus", 9100, 9090, "http://localhost:9100")]
    [InlineData("grafana", 3000, 3000, "http://localhost:3000")]
    [InlineData("silo-1", 8080, 8080, "http://localhost:8080/dashboard")]
    public void Services_are_published_on_the_host_ports_the_documentation_gives(string service, int host, int container, string documentedUrl)
    {
        Assert.Contains(new PortMapping(host, container), compose[service].Ports);
        Assert.Contains(documentedUrl, File.ReadAllText(Path.Combine(Repository.Root, "docs", "production.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void No_two_services_publish_the_same_host_port()
    {
        var published = compose.Services.Values.SelectMany(s => s.Ports.Select(p => (s.Name, p.Host))).ToList();

        Assert.All(published.GroupBy(p => p.Host), group => Assert.True(
            group.Count() == 1, $"Host port {group.Key} is published by {string.Join(" and ", group.Select(p => p.Name))}."));
    }

    [Fact]
    public void Every_bind_mount_source_exists_and_every_named_volume_is_declared()
    {
        var mounts = compose.Services.Values.SelectMany(s => s.Mounts.Select(m => (Service: s.Name, Mount: m))).ToList();

        Assert.All(mounts.Where(m => m.Mount.IsBind), m => Assert.True(
            File.Exists(m.Mount.Source) || System.IO.Directory.Exists(m.Mount.Source),
            $"{m.Service} mounts {Path.GetRelativePath(Repository.Root, m.Mount.Source)}, which does not exist."));
        Assert.All(mounts.Where(m => !m.Mount.IsBind), m => Assert.True(
            compose.Volumes.Contains(m.Mount.Source), $"{m.Service} uses volume '{m.Mount.Source}', not declared under volumes:."));
    }

    [Fact]
    public void Grafana_mounts_the_provisioning_and_dashboards_where_the_provisioning_looks_for_them()
    {
        var mounts = compose["grafana"].Mounts.Where(m => m.IsBind).ToDictionary(m => m.Target, m => m.Source, StringComparer.Ordinal);
        var grafana = Path.Combine(Repository.Root, "dashboards", "grafana");
        var dashboardsPath = Yaml.Scalar(Yaml.Map(Yaml.Map(Yaml.List(Yaml.LoadMap(Path.Combine(grafana, "provisioning", "dashboards", "dashboards.yml")).Get("providers"))[0]).Get("options")).Get("path"));

        Assert.Equal(Path.Combine(grafana, "provisioning", "datasources"), mounts.Get("/etc/grafana/provisioning/datasources"));
        Assert.Equal(Path.Combine(grafana, "provisioning", "dashboards"), mounts.Get("/etc/grafana/provisioning/dashboards"));
        Assert.Equal(Path.Combine(grafana, "dashboards"), mounts.Get(dashboardsPath!));
        Assert.NotEmpty(System.IO.Directory.GetFiles(Path.Combine(grafana, "dashboards"), "*.json"));
    }

    [Fact]
    public void Prometheus_loads_the_repository_config_and_alert_rules()
    {
        var mounts = compose["prometheus"].Mounts.Where(m => m.IsBind).ToDictionary(m => m.Target, m => m.Source, StringComparer.Ordinal);
        var rules = Yaml.List(Yaml.LoadMap(Path.Combine(Repository.Root, "dashboards", "prometheus.yml")).Get("rule_files")).Select(Yaml.Scalar);

        Assert.Equal(Path.Combine(Repository.Root, "dashboards", "prometheus.yml"), mounts.Get("/etc/prometheus/prometheus.yml"));
        Assert.All(rules, rule => Assert.Equal(Path.Combine(Repository.Root, "dashboards", rule!), mounts.Get($"/etc/prometheus/{rule}")));
    }

    [Fact]
    public void The_smoke_suite_runs_only_under_its_profile_against_the_healthy_api_with_its_key()
    {
        var smoke = compose["smoke"];
        var api = compose["api"];

        Assert.Equal(["smoke"], smoke.Profiles);
        Assert.All(StackServices, name => Assert.Empty(compose[name].Profiles));
        Assert.Equal("service_healthy", smoke.DependsOn.Get("api"));
        Assert.Equal($"http://api:{Assert.Single(ListeningPorts(api))}", smoke.Environment.Get("LOANS_BASE_URL"));
        Assert.Equal(api.Environment.Get("Admin__ApiKey"), smoke.Environment.Get("LOANS_ADMIN_API_KEY"));
        Assert.Contains("Category=Smoke", File.ReadAllText(smoke.Dockerfile!), StringComparison.Ordinal);
    }

    [Fact]
    public void The_silos_keep_their_toggles_in_the_orders_mongodb_share_no_file_and_form_one_cluster_with_the_api()
    {
        var silos = compose.BuiltFrom("Silo/Dockerfile").ToList();
        var api = compose["api"];

        Assert.Equal(2, silos.Count);
        Assert.All(silos, s =>
        {
            Assert.Equal("MongoDb", s.Environment.Get("FeatureToggles__Provider"));
            Assert.Equal("MongoDb", s.Environment.Get("GrainStorage__Provider"));
            Assert.Null(s.Environment.Get("FeatureToggles__DataSource"));
            // A SQLite file on a volume two silos mount cannot span machines and risks corruption on a network volume.
            Assert.Empty(s.Mounts);
        });
        Assert.All(["Cluster__Membership", "Cluster__RedisConnectionString", "Cluster__ClusterId", "Cluster__ServiceId", "Cluster__GatewayPort"], key =>
            Assert.All(silos, s => Assert.Equal(api.Environment.Get(key), s.Environment.Get(key))));
    }

    [Fact]
    public void MongoDB_runs_as_a_single_node_replica_set_that_the_silos_connect_to_by_its_name()
    {
        var mongo = compose["mongo"];
        var replicaSet = mongo.Command[mongo.Command.ToList().IndexOf("--replSet") + 1];
        var url = MongoDB.Driver.MongoUrl.Create(compose["silo-1"].Environment.Get("GrainStorage__MongoDb__ConnectionString"));
        var healthCheck = string.Join(' ', mongo.HealthCheck!);

        Assert.Equal("mongod", mongo.Command[0]);
        Assert.Equal("rs0", replicaSet);
        Assert.Equal((replicaSet, "mongo", 27017), (url.ReplicaSetName, url.Server.Host, url.Server.Port));
        // The health check initiates the set once, with its member under the name the silos reach it by, and passes only
        // when the node is primary: a silo never starts against a node that cannot take a transaction yet.
        Assert.Contains($"rs.initiate({{ _id: '{replicaSet}', members: [{{ _id: 0, host: '{url.Server.Host}:{url.Server.Port}' }}] }})", healthCheck, StringComparison.Ordinal);
        Assert.Contains("isWritablePrimary", healthCheck, StringComparison.Ordinal);
        Assert.All(compose.BuiltFrom("Silo/Dockerfile"), silo => Assert.Equal("service_healthy", silo.DependsOn.Get("mongo")));
    }

    [Fact]
    public void The_silos_and_api_health_checks_probe_their_own_port_with_a_tool_their_image_has()
    {
        var services = compose.BuiltFrom("Silo/Dockerfile").Concat(compose.BuiltFrom("Api/Dockerfile")).ToList();

        Assert.Equal(3, services.Count);
        Assert.All(services, service =>
        {
            var test = service.HealthCheck!;
            var runtimeImage = Dockerfile.Load(service.Dockerfile!).BaseImages.Last();
            Assert.Equal("wget", test[1]);
            Assert.True(runtimeImage.Contains("alpine", StringComparison.Ordinal), $"{service.Name}: wget is BusyBox's, in Alpine images only; {runtimeImage} may not have it.");
            Assert.Contains($"http://127.0.0.1:{Assert.Single(ListeningPorts(service))}/health/ready", test);
        });
    }

    /// <summary>The ports a service's process listens on every interface: its <c>Urls</c>, from compose or its Dockerfile.</summary>
    internal static IReadOnlyList<int> ListeningPorts(ComposeService service) =>
        (service.Environment.Get("Urls") ?? (service.Dockerfile is null ? null : Dockerfile.Load(service.Dockerfile).Environment.Get("Urls")) ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(url => ListeningUrl().Match(url))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    private static bool IsPinned(string image)
    {
        if (image.Contains("@sha256:", StringComparison.Ordinal))
        {
            return true;
        }

        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > slash && PinnedTag().IsMatch(image[(colon + 1)..]);
    }

    [GeneratedRegex(@"^v?\d+\.\d+\.\d+")]
    private static partial Regex PinnedTag();

    [GeneratedRegex(@"^https?://(0\.0\.0\.0|\+|\*|\[::\]):(?<port>\d+)/?$")]
    internal static partial Regex ListeningUrl();
}
