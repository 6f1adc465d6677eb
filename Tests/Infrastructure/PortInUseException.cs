namespace Loans.Tests.Infrastructure;

/// <summary>
/// A server the test started could not bind a port it was given: a fault of the test's set-up, not of the
/// behaviour under test. Fixtures that own the choice of ports retry with new ones.
/// </summary>
public sealed class PortInUseException(string message) : Exception(message)
{
    /// <summary>How often a fixture starts its servers on new ports before it gives up.</summary>
    public const int Attempts = 3;

    /// <summary>Runs <paramref name="start"/> until it does not fail on a taken port, at most <see cref="Attempts"/> times.</summary>
    public static async Task<T> Retry<T>(Func<Task<T>> start)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start();
            }
            catch (PortInUseException exception) when (attempt < Attempts)
            {
                Console.Error.WriteLine($"Retrying on new ports (attempt {attempt + 1} of {Attempts}): {exception.Message}");
            }
        }
    }
}
