namespace Loans.Tests.Infrastructure;

/// <summary>The one way a test checks that a process refused to start and said which setting to fix.</summary>
public static class StartupFailure
{
    /// <summary>What an unhandled exception ends in: SIGABRT (128 + 6), a crash rather than a refusal.</summary>
    private const int Aborted = 134;

    public static async Task AssertExitsNaming(LoansProcess process, string setting, string because)
    {
        var exited = await process.WaitForExit(TimeSpan.FromSeconds(60));

        Assert.True(exited, $"{because}{Environment.NewLine}{process.Output}");
        Assert.NotEqual(0, process.ExitCode);
        Assert.NotEqual(Aborted, process.ExitCode);
        var line = Assert.Single(process.Output.Split(Environment.NewLine), l => l.Contains(setting, StringComparison.Ordinal) && l.StartsWith("Invalid setting", StringComparison.Ordinal));
        Assert.DoesNotContain(process.Output.Split(Environment.NewLine), l => l.StartsWith("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", process.Output, StringComparison.Ordinal);
        Assert.Contains(setting, line, StringComparison.Ordinal);
    }
}
