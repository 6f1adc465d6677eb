using System.Diagnostics;

namespace Loans.Tests.Benchmarks;

/// <summary>
/// Runs the benchmark harness in its few-seconds smoke mode to prove it still works end to end. It asserts
/// nothing about speed: timings on a shared CI machine would make the test flaky, not informative.
/// </summary>
public class BenchmarkSmokeTests
{
    [Fact]
    public async Task The_benchmark_runs_in_smoke_mode_and_writes_markdown_and_json()
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}{Environment.NewLine}{await stdout}{Environment.NewLine}{await stderr}");
        var markdown = await File.ReadAllTextAsync(output.File("results.md"));
        Assert.Contains("| POST /orders |", markdown, StringComparison.Ordinal);
        Assert.Contains("| GET /orders/{id} (warm) |", markdown, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(output.File("results.json")));
        Assert.True(json.RootElement.GetProperty("Results").GetArrayLength() > 0);
    }
}
