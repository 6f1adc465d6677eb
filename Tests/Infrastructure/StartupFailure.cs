using System.Text.RegularExpressions;

namespace Loans.Tests.Infrastructure;

/// <summary>
/// The one way a test checks that a process refused to start as an operator wants to read it: a non-zero exit code
/// that is not a crash, and the reason in exactly one line, with no exception type and no stack trace around it.
/// </summary>
public static partial class StartupFailure
{
    /// <summary>What an unhandled exception ends in: SIGABRT (128 + 6), a crash rather than a refusal.</summary>
    private const int Aborted = 134;

    /// <summary>A bad setting: one "Invalid setting" line that names <paramref name="setting"/>.</summary>
    public static async Task AssertExitsNaming(LoansProcess process, string setting, string because)
    {
        var lines = await AssertRefusedToStart(process, because);
        var line = Assert.Single(lines, l => l.Contains(setting, StringComparison.Ordinal) && l.StartsWith("Invalid setting", StringComparison.Ordinal));
        Assert.Contains(setting, line, StringComparison.Ordinal);
    }

    /// <summary>A dependency given up on: exactly the line <paramref name="line"/>.</summary>
    public static async Task AssertExitsWith(LoansProcess process, string line, string because)
    {
        var lines = await AssertRefusedToStart(process, because);
        Assert.True(lines.Count(l => l == line) == 1, $"Expected the line '{line}' exactly once.{Environment.NewLine}{process.Output}");
    }

    private static async Task<string[]> AssertRefusedToStart(LoansProcess process, string because)
    {
        var exited = await process.WaitForExit(TimeSpan.FromSeconds(60));

        Assert.True(exited, $"{because}{Environment.NewLine}{process.Output}");
        Assert.NotEqual(0, process.ExitCode);
        Assert.NotEqual(Aborted, process.ExitCode);
        var lines = process.Output.Split(Environment.NewLine);
        Assert.DoesNotContain(lines, l => StackFrame().IsMatch(l));
        Assert.DoesNotContain("Unhandled exception", process.Output, StringComparison.Ordinal);
        return lines;
    }

    [GeneratedRegex(@"^\s+at \S+")]
    private static partial Regex StackFrame();
}
