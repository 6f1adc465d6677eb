namespace Loans.Tests.Observability;

/// <summary>Waits for a condition that becomes true asynchronously, such as a process's last output lines arriving.</summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }
}
