using System.Diagnostics;

namespace Loans.Tests.Benchmarks;

/// <summary>
/// Runs the benchmark harness in its few-seconds smoke mode to prove it still works end to end: every contender
/// (both topologies, Orleans' ADO.NET storage, the floors, the baseline) served its requests without errors. It
/// asserts nothing about speed: timings on a shared CI machine would make the test flaky, not informative.
/// </summary>
public class BenchmarkSmokeTests
{
    [Fact]
    public async Task The_benchmark_runs_every_contender_in_smoke_mode_and_writes_markdown_and_json()
    {
        using var output = new TemporaryDirectory("loans-bench");
        var harness = Path.Combine(Repository.Root, "Tests", "Orleans.Loans.Benchmarks", "bin", Repository.Configuration, "net10.0", "Orleans.Loans.Benchmarks.dll");
        Assert.True(File.Exists(harness), $"{harness} is missing: build the solution first (./test.sh does).");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { harness, "--smoke", "--out", output.Path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}{Environment.NewLine}{await stdout}{Environment.NewLine}{await stderr}");
        var markdown = await File.ReadAllTextAsync(output.File("results.md"));
        string[] systems = ["Baseline: in-process Kestrel + SQLite", "System, 2 processes (Silo + Api)", "System, co-hosted (1 process: Silo:HostApi)", "System, co-hosted, Orleans ADO.NET SQLite storage"];
        string[] floors = ["Floor, 2 processes: GET / → empty grain via gateway", "Floor, 1 process: GET / → empty grain in-process"];
        foreach (var connections in new[] { 1, 8 })
        {
            // One row per contender, each having served at least one request without an error.
            Assert.All(systems, contender => AssertServed(markdown, $"| POST /orders | {connections} | {contender} |"));
            Assert.All([.. systems, .. floors], contender => AssertServed(markdown, $"| GET /orders/{{id}} (warm) | {connections} | {contender} |"));
        }

        Assert.Contains("| POST /orders | 8 | our SQLite storage ÷ Orleans' ADO.NET SQLite (both co-hosted): throughput / p99 |", markdown, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(output.File("results.json")));
        Assert.Equal(3 * 2, json.RootElement.GetProperty("Results").GetArrayLength());
        Assert.Equal(5, json.RootElement.GetProperty("Idle").GetArrayLength());
    }

    /// <summary>The row exists, its throughput is above zero and it counts no errors and no timeouts.</summary>
    private static void AssertServed(string markdown, string rowStart)
    {
        var row = markdown.Split('\n').SingleOrDefault(line => line.StartsWith(rowStart, StringComparison.Ordinal));
        Assert.True(row is not null, $"No row starting '{rowStart}' in{Environment.NewLine}{markdown}");
        var cells = row.Split('|', StringSplitOptions.TrimEntries);
        Assert.True(double.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture) > 0, row);
        Assert.Equal(("0", "0"), (cells[8], cells[9]));
    }
}
