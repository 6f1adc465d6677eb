namespace Loans.Tests.Deployment;

/// <summary>dashboards/prometheus.yml scrapes what the compose stack runs, where it serves its metrics.</summary>
public class PrometheusTargetsTests
{
    private readonly ComposeStack compose = ComposeStack.Load();

    private readonly IReadOnlyList<(string Job, string Host, int Port)> targets = ReadTargets();

    [Fact]
    public void Every_target_is_a_compose_service_serving_metrics_on_that_port()
    {
        Assert.NotEmpty(targets);
        Assert.All(targets, target =>
        {
            Assert.True(compose.Services.ContainsKey(target.Host), $"job {target.Job} scrapes {target.Host}:{target.Port}, which compose does not run.");
            Assert.Contains(target.Port, MetricsPorts(compose[target.Host]));
        });
    }

    [Fact]
    public void Every_silo_and_api_in_compose_is_scraped_by_its_job()
    {
        var scraped = targets.Select(t => (t.Job, t.Host)).ToHashSet();

        Assert.All(compose.BuiltFrom("Silo/Dockerfile"), silo => Assert.Contains(("loan-orders-silo", silo.Name), scraped));
        Assert.All(compose.BuiltFrom("Api/Dockerfile"), api => Assert.Contains(("loan-orders-api", api.Name), scraped));
        Assert.Equal(2, compose.BuiltFrom("Silo/Dockerfile").Count());
    }

    /// <summary>
    /// Where a service serves /metrics on every interface: the silo on its Prometheus listener
    /// (Telemetry:PrometheusListenerUrl), the API on its HTTP port (Urls).
    /// </summary>
    private static IEnumerable<int> MetricsPorts(ComposeService service)
    {
        var image = service.Dockerfile is null ? null : Dockerfile.Load(service.Dockerfile);
        var listener = service.Environment.Get("Telemetry__PrometheusListenerUrl") ?? image?.Environment.Get("Telemetry__PrometheusListenerUrl");
        var listenerMatch = listener is null ? null : ComposeStackTests.ListeningUrl().Match(listener);
        return ComposeStackTests.ListeningPorts(service)
            .Concat(listenerMatch is { Success: true } ? [int.Parse(listenerMatch.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture)] : []);
    }

    private static List<(string Job, string Host, int Port)> ReadTargets()
    {
        var config = Yaml.LoadMap(Path.Combine(Repository.Root, "dashboards", "prometheus.yml"));
        return Yaml.List(config.Get("scrape_configs"))
            .Select(Yaml.Map)
            .SelectMany(job => Yaml.List(job.Get("static_configs"))
                .SelectMany(group => Yaml.List(Yaml.Map(group).Get("targets")))
                .Select(target => Yaml.Scalar(target)!.Split(':'))
                .Select(parts => (Yaml.Scalar(job.Get("job_name"))!, parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture))))
            .ToList();
    }
}
