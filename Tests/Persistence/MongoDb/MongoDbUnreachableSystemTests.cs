using System.Globalization;

namespace Loans.Tests.Persistence.MongoDb;

/// <summary>
/// The real Silo and Api processes configured for a MongoDB nobody answers for: told not to wait for it
/// (GrainStorage:MongoDb:StartupTimeout = 0, as when MongoDB goes away after start-up), the silo starts, and a
/// client is told to retry (503 with Retry-After) instead of getting a 500.
/// </summary>
public class MongoDbUnreachableSystemTests
{
    /// <summary>Only a guard against a hang while both processes start (about 75 s under a full, parallel test run).</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Orders_answer_503_with_retry_after_while_mongodb_is_unreachable()
    {
        using var directory = new TemporaryDirectory("mongodb-unreachable");
        var gateway = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var apiAddress = $"http://127.0.0.1:{FreePort.Next()}";
        await using var silo = LoansProcess.Start("Silo", "silo", directory.Path, new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Cluster__GatewayPort"] = gateway,
            ["Cluster__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Telemetry__PrometheusListenerUrl"] = $"http://127.0.0.1:{FreePort.Next()}/",
            ["GrainStorage__Provider"] = "MongoDb",
            ["GrainStorage__MongoDb__ConnectionString"] = "mongodb://127.0.0.1:1",
            ["GrainStorage__MongoDb__StartupTimeout"] = "00:00:00",
            ["GrainStorage__MongoDb__ServerSelectionTimeout"] = "00:00:00.500",
            ["GrainStorage__MongoDb__MaxAttempts"] = "2",
            ["GrainStorage__MongoDb__RetryDelay"] = "00:00:00.050",
        });
        await using var api = LoansProcess.Start("Api", "api", directory.Path, new Dictionary<string, string>(AdminCredentials.Settings)
        {
            ["Urls"] = apiAddress,
            ["Cluster__GatewayPort"] = gateway,
        });
        using var client = new HttpClient { BaseAddress = new Uri(apiAddress), Timeout = TimeSpan.FromSeconds(30) };

        // 503 also means "no silo yet" while the processes start: wait until the silo says MongoDB refused a read.
        var deadline = DateTime.UtcNow + Bound;
        var storageFailed = false;
        while (!storageFailed && DateTime.UtcNow < deadline && !silo.HasExited && !api.HasExited)
        {
            try
            {
                using var probe = await client.GetAsync($"/orders/{Guid.NewGuid()}");
            }
            catch (HttpRequestException)
            {
            }

            storageFailed = silo.Output.Contains("in MongoDB grain storage orders after 2 attempt(s)", StringComparison.Ordinal);
            await Task.Delay(250);
        }

        Assert.True(storageFailed, $"The silo never reported MongoDB as unavailable.{Environment.NewLine}{silo.Output}{Environment.NewLine}{api.Output}");
        using var response = await client.PostJson("/orders", Fixtures.LoanOrderJson);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(503, (int)(await response.ReadObject())["status"]!);
    }
}
