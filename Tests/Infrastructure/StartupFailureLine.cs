using System.Text.RegularExpressions;

namespace Loans.Tests.Infrastructure;

/// <summary>
/// How a test checks that a process gave up on a dependency as an operator wants to read it: a non-zero exit code
/// and the reason in exactly one line, with no exception type and no stack trace around it.
/// </summary>
public static partial class StartupFailureLine
{
    public static async Task AssertExitsWith(LoansProcess process, string line, string because)
    {
        var exited = await process.WaitForExit(TimeSpan.FromSeconds(60));

        Assert.True(exited, $"{because}{Environment.NewLine}{process.Output}");
        Assert.NotEqual(0, process.ExitCode);
        var lines = process.Output.Split(Environment.NewLine);
        Assert.True(lines.Count(l => l == line) == 1, $"Expected the line '{line}' exactly once.{Environment.NewLine}{process.Output}");
        Assert.DoesNotContain(lines, l => StackFrame().IsMatch(l) || l.Contains("Unhandled exception", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^\s+at \S+\(")]
    private static partial Regex StackFrame();
}
