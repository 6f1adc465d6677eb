using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Loans.Tests.Observability;

/// <summary>
/// A real Prometheus (Debian package <c>prometheus</c>, installed by .ci/run) running the repository's
/// dashboards/prometheus.yml, with its targets pointed at a test system and a one-second scrape interval.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";

    private readonly TemporaryDirectory directory;
    private readonly Process process;
    private readonly List<string> output = [];

    private PrometheusServer(TemporaryDirectory directory, Process process, Uri address)
    {
        this.directory = directory;
        this.process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join(Environment.NewLine, output.TakeLast(50));
            }
        }
    }

    public static PrometheusServer Start(LoansSystem system) =>
        Start([system.SiloMetricsAddress], system.ApiAddress);

    /// <summary>Prometheus scraping the given silo listeners and API (addresses without a path; /metrics is scraped).</summary>
    public static PrometheusServer Start(IReadOnlyList<Uri> silos, Uri api)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install the Debian package 'prometheus' (.ci/run does).");
        }

        var directory = new TemporaryDirectory("prometheus");
        var dashboards = Path.Combine(Repository.Root, "dashboards");
        var config = File.ReadAllText(Path.Combine(dashboards, "prometheus.yml"))
            // The compose stack's two silos become the test's silos, by the address a test system listens on.
            .Replace("\"silo-1:9090\", \"silo-2:9090\"", string.Join(", ", silos.Select(s => $"\"127.0.0.1:{s.Port}\"")), StringComparison.Ordinal)
            .Replace("api:9091", $"127.0.0.1:{api.Port}", StringComparison.Ordinal)
            .Replace("scrape_interval: 15s", "scrape_interval: 1s", StringComparison.Ordinal)
            .Replace("evaluation_interval: 15s", "evaluation_interval: 1s", StringComparison.Ordinal);
        File.WriteAllText(directory.File("prometheus.yml"), config);
        File.Copy(Path.Combine(dashboards, "alerts.yml"), directory.File("alerts.yml"));

        var port = FreePort.Next();
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory.Path,
        };
        foreach (var argument in new[]
                 {
                     $"--config.file={directory.File("prometheus.yml")}",
                     $"--storage.tsdb.path={directory.File("data")}",
                     $"--web.listen-address=127.0.0.1:{port}",
                     "--enable-feature=exemplar-storage",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var server = new PrometheusServer(directory, process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Runs an instant query; returns the result vector (empty when the query matched nothing).</summary>
    public async Task<JsonArray> Query(string promQl)
    {
        var response = await Client.GetFromJsonAsync<JsonObject>($"/api/v1/query?query={Uri.EscapeDataString(promQl)}");
        Assert.True(response!["status"]!.GetValue<string>() == "success", $"Query failed: {promQl}: {response}");
        var data = response["data"]!;
        return data["resultType"]!.GetValue<string>() is "vector" or "matrix" ? data["result"]!.AsArray() : [data["result"]!.DeepClone()];
    }

    /// <summary>Runs an instant query at a given time.</summary>
    public async Task<JsonArray> Query(string promQl, DateTimeOffset time)
    {
        var at = (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        var response = await Client.GetFromJsonAsync<JsonObject>($"/api/v1/query?query={Uri.EscapeDataString(promQl)}&time={at}");
        Assert.True(response!["status"]!.GetValue<string>() == "success", $"Query failed: {promQl}: {response}");
        return response["data"]!["result"]!.AsArray();
    }

    /// <summary>Runs a range query as Grafana does for a panel or an annotation: start aligned to the step.</summary>
    public async Task<IReadOnlyList<RangeSeries>> QueryRange(string promQl, DateTimeOffset start, DateTimeOffset end, TimeSpan step)
    {
        var stepSeconds = (long)step.TotalSeconds;
        var from = start.ToUnixTimeSeconds() / stepSeconds * stepSeconds;
        var to = end.ToUnixTimeSeconds();
        var response = await Client.GetFromJsonAsync<JsonObject>(
            $"/api/v1/query_range?query={Uri.EscapeDataString(promQl)}&start={from}&end={to}&step={stepSeconds}");
        Assert.True(response!["status"]!.GetValue<string>() == "success", $"Query failed: {promQl}: {response}");
        return response["data"]!["result"]!.AsArray().Select(series => new RangeSeries(
            series!["metric"]!.AsObject().ToDictionary(l => l.Key, l => l.Value!.GetValue<string>()),
            series["values"]!.AsArray().Select(v => (
                DateTimeOffset.FromUnixTimeMilliseconds((long)(v![0]!.GetValue<double>() * 1000)),
                double.Parse(v[1]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture))).ToList())).ToList();
    }

    /// <summary>Waits until <paramref name="promQl"/> returns a result; the failure names <paramref name="what"/>.</summary>
    public async Task WaitUntil(string promQl, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((await Query(promQl)).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Prometheus did not have {what} within {timeout} ({promQl}).{Environment.NewLine}{Output}");
            await Task.Delay(250);
        }
    }

    /// <summary>Waits until both jobs have been scraped successfully.</summary>
    public Task WaitUntilScraping(TimeSpan timeout) => WaitUntilScraping(timeout, targets: 2);

    /// <summary>Waits until the given number of targets have been scraped successfully.</summary>
    public async Task WaitUntilScraping(TimeSpan timeout, int targets)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await Query($"sum(up) == {targets}")).Count == 1)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Prometheus did not scrape {targets} targets within {timeout}.{Environment.NewLine}{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        directory.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Add(line);
        }
    }
}

/// <summary>One series of a range query: its labels and its (time, value) points.</summary>
public sealed record RangeSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(DateTimeOffset Time, double Value)> Points)
{
    public string Label(string name) => Labels.GetValueOrDefault(name) ?? "";
}
