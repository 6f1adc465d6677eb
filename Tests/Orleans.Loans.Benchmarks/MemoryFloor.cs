using Loans.Tests.Infrastructure;

namespace Loans.Benchmarks;

/// <summary>
/// The idle memory of the least a silo and an API can be: the Orleans.Loans.Benchmarks.Floor program started as
/// two processes (ASP.NET Core with an Orleans silo; ASP.NET Core with an Orleans client that has called the
/// silo once), with nothing of the system's storage, telemetry, dashboard or validation. The system's idle
/// memory is reported beside it, so the part the system adds is measured, not guessed.
/// </summary>
public static class MemoryFloor
{
    private const string Project = "Tests/Orleans.Loans.Benchmarks.Floor";

    public static async Task<(ProcessMemory Silo, ProcessMemory Client)> Measure(TimeSpan settle)
    {
        using var directory = new TemporaryDirectory("loans-floor");
        var assembly = Path.Combine(Repository.OutputOf(Project), "Orleans.Loans.Benchmarks.Floor.dll");
        var clientAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var cluster = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Floor__SiloPort"] = $"{FreePort.Next()}",
            ["Floor__GatewayPort"] = $"{FreePort.Next()}",
        };
        await using var silo = LoansProcess.StartAssembly(assembly, [assembly, "silo"], "floor-silo", directory.Path,
            new Dictionary<string, string>(cluster) { ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}" });
        await using var client = LoansProcess.StartAssembly(assembly, [assembly, "client"], "floor-client", directory.Path,
            new Dictionary<string, string>(cluster) { ["Urls"] = clientAddress.ToString() });
        await WaitForPing(clientAddress, silo, client);
        await Task.Delay(settle);
        var memory = (ProcessMemory.Of(silo.Id), ProcessMemory.Of(client.Id));
        await client.Stop();
        await silo.Stop();
        return memory;
    }

    private static async Task WaitForPing(Uri clientAddress, LoansProcess silo, LoansProcess client)
    {
        using var http = new HttpClient { BaseAddress = clientAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !silo.HasExited && !client.HasExited)
        {
            try
            {
                if (await http.GetStringAsync("/") == "pong")
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or the client is still connecting to the silo.
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"The memory floor's client never reached its silo.{Environment.NewLine}{silo.Output}{Environment.NewLine}{client.Output}");
    }
}
