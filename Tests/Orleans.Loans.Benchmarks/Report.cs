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

/// <summary>Memory of the real processes after start-up, before any load, beside the floor's (<see cref="FloorSystem"/>).</summary>
public sealed record IdleMemory(ProcessMemory Silo, ProcessMemory Api, ProcessMemory FloorSilo, ProcessMemory FloorClient)
{
    public ProcessMemory System => Silo + Api;

    public ProcessMemory Floor => FloorSilo + FloorClient;
}

public sealed record BenchmarkReport(DateTimeOffset FinishedAt, Machine Machine, BenchmarkOptions Options, IReadOnlyList<ScenarioResult> Results, IdleMemory Idle, MemoryResult Memory)
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
        text.AppendLine(c, $"Closed loop, keep-alive; {Options.JitWarmup.TotalSeconds}s of load on each side first (JIT); per window a warm-up {Options.Warmup.TotalSeconds}s then {Options.Window.TotalSeconds}s measured, {Options.Rounds} alternated round(s) each (system, baseline, system, ...), medians.{(Options.Smoke ? " SMOKE RUN: figures are not meaningful." : "")}");
        if (Options.SystemSettings is { Count: > 0 } settings)
        {
            text.AppendLine(c, $"System settings beyond the shipped ones: {string.Join(", ", settings.Select(s => $"`{s.Key}={s.Value}`"))}.");
        }

        text.AppendLine();
        text.AppendLine("| Scenario | Conns | System req/s | Baseline req/s | Ratio | System p50 / p90 / p99 / p99.9 ms | Baseline p50 / p90 / p99 / p99.9 ms | p99 ratio | Errors (sys/base) | Timeouts (sys/base) |");
        text.AppendLine("|---|---:|---:|---:|---:|---|---|---:|---|---|");
        foreach (var r in Results)
        {
            text.AppendLine(c, $"| {r.Scenario} | {r.Connections} | {r.System.RequestsPerSecond:F0} | {r.Baseline.RequestsPerSecond:F0} | {r.ThroughputRatio:F2} | {Latencies(r.System)} | {Latencies(r.Baseline)} | {r.P99Ratio:F2} | {r.System.Errors}/{r.Baseline.Errors} | {r.System.Timeouts}/{r.Baseline.Timeouts} |");
        }

        const double MiB = 1024 * 1024;
        text.AppendLine();
        text.AppendLine("Idle memory after start-up, beside the floor (a bare ASP.NET Core + Orleans silo, and a bare ASP.NET Core + Orleans client that has called it once; no storage, telemetry or dashboard):");
        text.AppendLine();
        text.AppendLine("| | Silo | API | Both | Floor: silo + client | System ÷ floor |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        text.AppendLine(c, $"| RSS | {Idle.Silo.RssBytes / MiB:F0} MiB | {Idle.Api.RssBytes / MiB:F0} MiB | {Idle.System.RssBytes / MiB:F0} MiB | {Idle.FloorSilo.RssBytes / MiB:F0} + {Idle.FloorClient.RssBytes / MiB:F0} = {Idle.Floor.RssBytes / MiB:F0} MiB | {Ratio(Idle.System.RssBytes, Idle.Floor.RssBytes)} |");
        text.AppendLine(c, $"| PSS (shared pages split) | {Idle.Silo.PssBytes / MiB:F0} MiB | {Idle.Api.PssBytes / MiB:F0} MiB | {Idle.System.PssBytes / MiB:F0} MiB | {Idle.FloorSilo.PssBytes / MiB:F0} + {Idle.FloorClient.PssBytes / MiB:F0} = {Idle.Floor.PssBytes / MiB:F0} MiB | {Ratio(Idle.System.PssBytes, Idle.Floor.PssBytes)} |");
        text.AppendLine();
        text.AppendLine(c, $"Memory per idle order grain (in-process silo, AddLoansSilo + SQLite, {Memory.Grains} stored orders activated with one Get() each, full compacting GC before each reading):");
        text.AppendLine();
        text.AppendLine("| | Before | Activated | After ForceActivationCollection | Then an aggressive GC | Per grain |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        text.AppendLine(c, $"| Managed heap | {Memory.HeapBefore / MiB:F1} MiB | {Memory.HeapActive / MiB:F1} MiB | {Memory.HeapCollected / MiB:F1} MiB | {Memory.HeapReleased / MiB:F1} MiB | {Memory.HeapBytesPerGrain:F0} B |");
        text.AppendLine(c, $"| RSS | {Memory.RssBefore / MiB:F1} MiB | {Memory.RssActive / MiB:F1} MiB | {Memory.RssCollected / MiB:F1} MiB | {Memory.RssReleased / MiB:F1} MiB | {Memory.RssBytesPerGrain:F0} B |");
        text.AppendLine();
        text.AppendLine(c, $"Activations left after collection: {Memory.ActivationsLeft}.");
        return text.ToString();
    }

    private static string Ratio(long system, long floor) =>
        floor > 0 ? ((double)system / floor).ToString("F2", CultureInfo.InvariantCulture) + "×" : "not measured";

    private static string Latencies(LatencySummary s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.P50Ms:F2} / {s.P90Ms:F2} / {s.P99Ms:F2} / {s.P999Ms:F2}");
}
