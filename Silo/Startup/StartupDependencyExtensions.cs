namespace Loans.Silo.Startup;

public static class StartupDependencyExtensions
{
    /// <summary>
    /// Waits for the servers the configured adapters need (Redis membership, MongoDB storage), each within its
    /// configured window, before the silo joins the cluster. False when one did not answer: the reason is then
    /// written as one line on standard error, and the caller exits with a non-zero code.
    /// </summary>
    public static async Task<bool> WaitForLoansDependencies(this WebApplication app)
    {
        var waiter = new StartupDependencyWaiter(
            app.Services.GetServices<IStartupDependency>(),
            app.Services.GetRequiredService<TimeProvider>(),
            app.Services.GetRequiredService<ILogger<StartupDependencyWaiter>>());
        var failure = await waiter.WaitForAll(app.Lifetime.ApplicationStopping);
        if (failure is not null)
        {
            await Console.Error.WriteLineAsync(failure);
        }

        return failure is null;
    }
}
