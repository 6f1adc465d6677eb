using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Loans.Benchmarks;

/// <summary>One scenario at one concurrency: the medians of the system's and the baseline's rounds.</summary>
public sealed record ScenarioResult(string Scenario, int Connections, LatencySummary System, LatencySummary Baseline)
{
    public double ThroughputRatio => Baseline.RequestsPerSecond == 0 ? 0 : System.RequestsPerSecond / Baseline.RequestsPerSecond;

    public double P99Ratio => Baseline.P99Ms == 0 ? 0 : System.P99Ms / Baseline.P99Ms;
}

/// <summary>The machine a run happened on; timings mean nothing without it.</summary>
public sealed record Machine(int Cores, string Cpu, string Os, string Runtime)
{
    public static Machine Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";
        return new Machine(Environment.ProcessorCount, cpu, System.Runtime.InteropServices.RuntimeInformation.OSDescription, Environment.Version.ToString());
    }
}

public sealed record BenchmarkReport(DateTimeOffset FinishedAt, Machine Machine, BenchmarkOptions Options, IReadOnlyList<ScenarioResult> Results)
{
    /// <summary>Writes results.md and results.json into the directory; returns their paths.</summary>
    public (string Markdown, string Json) Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var markdown = Path.Combine(directory, "results.md");
        var json = Path.Combine(directory, "results.json");
        File.WriteAllText(markdown, ToMarkdown());
        File.WriteAllText(json, JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true }));
        return (markdown, json);
    }

    private string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Run {FinishedAt:yyyy-MM-dd HH:mm} UTC on {Machine.Cores} cores, {Machine.Cpu}, {Machine.Os}, .NET {Machine.Runtime}.");
        text.AppendLine(c, $"Closed loop, keep-alive; warm-up {Options.Warmup.TotalSeconds}s then {Options.Window.TotalSeconds}s measured, {Options.Rounds} alternated round(s) each (system, baseline, system, ...), medians.{(Options.Smoke ? " SMOKE RUN: figures are not meaningful." : "")}");
        text.AppendLine();
        text.AppendLine("| Scenario | Conns | System req/s | Baseline req/s | Ratio | System p50 / p90 / p99 / p99.9 ms | Baseline p50 / p90 / p99 / p99.9 ms | p99 ratio | Errors (sys/base) | Timeouts (sys/base) |");
        text.AppendLine("|---|---:|---:|---:|---:|---|---|---:|---|---|");
        foreach (var r in Results)
        {
            text.AppendLine(c, $"| {r.Scenario} | {r.Connections} | {r.System.RequestsPerSecond:F0} | {r.Baseline.RequestsPerSecond:F0} | {r.ThroughputRatio:F2} | {Latencies(r.System)} | {Latencies(r.Baseline)} | {r.P99Ratio:F2} | {r.System.Errors}/{r.Baseline.Errors} | {r.System.Timeouts}/{r.Baseline.Timeouts} |");
        }

        return text.ToString();
    }

    private static string Latencies(LatencySummary s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.P50Ms:F2} / {s.P90Ms:F2} / {s.P99Ms:F2} / {s.P999Ms:F2}");
}
