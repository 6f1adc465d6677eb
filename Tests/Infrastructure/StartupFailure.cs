namespace Loans.Tests.Infrastructure;

/// <summary>The one way a test checks that a process refused to start and said which setting to fix.</summary>
public static class StartupFailure
{
    public static async Task AssertExitsNaming(LoansProcess process, string setting, string because)
    {
        var exited = await process.WaitForExit(TimeSpan.FromSeconds(60));

        Assert.True(exited, $"{because}{Environment.NewLine}{process.Output}");
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains(setting, process.Output, StringComparison.Ordinal);
    }
}
