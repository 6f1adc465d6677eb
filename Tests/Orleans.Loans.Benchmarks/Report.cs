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

public sealed record BenchmarkReport(DateTimeOffset FinishedAt, Machine Machine, BenchmarkOptions Options, IReadOnlyList<RoundRobinResult> Results, IReadOnlyList<IdleMemory> Idle, MemoryResult Memory)
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
        text.AppendLine(c, $"Closed loop, keep-alive; {Options.JitWarmup.TotalSeconds}s of load on each contender first (JIT); per window a warm-up {Options.Warmup.TotalSeconds}s then {Options.Window.TotalSeconds}s measured, {Options.Rounds} round(s) alternating every contender of a scenario, medians; ratios are to the scenario's first row.{(Options.Smoke ? " SMOKE RUN: figures are not meaningful." : "")}");
        if (Options.SystemSettings is { Count: > 0 } settings)
        {
            text.AppendLine(c, $"System settings beyond the shipped ones: {string.Join(", ", settings.Select(s => $"`{s.Key}={s.Value}`"))}.");
        }

        text.AppendLine();
        text.AppendLine("| Scenario | Conns | Contender | req/s | ÷ baseline | p50 / p90 / p99 / p99.9 ms | p99 ÷ baseline | Errors | Timeouts |");
        text.AppendLine("|---|---:|---|---:|---:|---|---:|---:|---:|");
        foreach (var r in Results)
        {
            foreach (var contender in r.Contenders)
            {
                var s = contender.Summary;
                var baseline = r.Baseline.Summary;
                text.AppendLine(c, $"| {r.Scenario} | {r.Connections} | {contender.Contender} | {s.RequestsPerSecond:F0} | {RoundRobinResult.Ratio(s.RequestsPerSecond, baseline.RequestsPerSecond):F2} | {Latencies(s)} | {RoundRobinResult.Ratio(s.P99Ms, baseline.P99Ms):F2} | {s.Errors} | {s.Timeouts} |");
            }
        }

        text.AppendLine();
        text.AppendLine("Between contenders (the issue's limits are stated this way):");
        text.AppendLine();
        text.AppendLine("| Scenario | Conns | Measure | Ratio |");
        text.AppendLine("|---|---:|---|---:|");
        foreach (var r in Results)
        {
            Between(text, r, Contenders.TwoProcesses, Contenders.FloorTwoProcesses, "2 processes ÷ 2-process floor");
            Between(text, r, Contenders.CoHosted, Contenders.FloorCoHosted, "co-hosted ÷ 1-process floor");
            Between(text, r, Contenders.CoHosted, Contenders.TwoProcesses, "co-hosted ÷ 2 processes");
            Between(text, r, Contenders.CoHosted, Contenders.AdoNet, "our SQLite storage ÷ Orleans' ADO.NET SQLite (both co-hosted)");
        }

        const double MiB = 1024 * 1024;
        var floor = Idle.FirstOrDefault(i => i.Contender == Contenders.FloorTwoProcesses)?.Memory;
        var floorAlone = Idle.FirstOrDefault(i => i.Contender == Contenders.FloorCoHosted)?.Memory;
        text.AppendLine();
        text.AppendLine("Idle memory after start-up (the floors: a bare ASP.NET Core + Orleans silo, and a bare ASP.NET Core + Orleans client that has called it; no storage, telemetry or dashboard):");
        text.AppendLine();
        text.AppendLine("| Contender | Processes | RSS | PSS (shared pages split) | RSS ÷ its floor |");
        text.AppendLine("|---|---|---:|---:|---:|");
        foreach (var i in Idle)
        {
            var own = i.Processes.Contains('+', StringComparison.Ordinal) ? floor : floorAlone;
            text.AppendLine(c, $"| {i.Contender} | {i.Processes} | {i.Memory.RssBytes / MiB:F0} MiB | {i.Memory.PssBytes / MiB:F0} MiB | {(own is null ? "-" : Ratio(i.Memory.RssBytes, own.RssBytes))} |");
        }

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

    private static void Between(StringBuilder text, RoundRobinResult result, string contender, string of, string measure)
    {
        if (result.Of(contender) is { } a && result.Of(of) is { } b)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {result.Scenario} | {result.Connections} | {measure}: throughput / p99 | {RoundRobinResult.Ratio(a.RequestsPerSecond, b.RequestsPerSecond):F2} / {RoundRobinResult.Ratio(a.P99Ms, b.P99Ms):F2} |");
        }
    }

    private static string Ratio(long system, long floor) =>
        floor > 0 ? ((double)system / floor).ToString("F2", CultureInfo.InvariantCulture) + "×" : "not measured";

    private static string Latencies(LatencySummary s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.P50Ms:F2} / {s.P90Ms:F2} / {s.P99Ms:F2} / {s.P999Ms:F2}");
}
