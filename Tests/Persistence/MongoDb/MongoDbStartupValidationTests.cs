namespace Loans.Tests.Persistence.MongoDb;

/// <summary>
/// The real silo process refuses to start on MongoDB without knowing where MongoDB is, and gives up, in one line
/// naming the setting and the address, when MongoDB does not answer within GrainStorage:MongoDb:StartupTimeout.
/// </summary>
public class MongoDbStartupValidationTests
{
    [Fact]
    public async Task The_silo_refuses_to_start_on_mongodb_without_a_connection_string()
    {
        using var directory = new TemporaryDirectory("startup-mongodb");
        await using var process = LoansProcess.Start("Silo", "silo", directory.Path, new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GrainStorage__Provider"] = "MongoDb",
        });

        await StartupFailure.AssertExitsNaming(process, "GrainStorage:MongoDb:ConnectionString", "The silo started on MongoDB without GrainStorage:MongoDb:ConnectionString.");
    }

    [Fact]
    public async Task A_mongodb_that_never_answers_stops_the_silo_after_the_window_with_one_line_naming_the_setting_and_address()
    {
        using var directory = new TemporaryDirectory("startup-mongodb-unreachable");
        var port = FreePort.Next();
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var process = LoansProcess.Start("Silo", "silo", directory.Path, new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Telemetry__PrometheusListenerUrl"] = $"http://127.0.0.1:{FreePort.Next()}/",
            ["GrainStorage__Provider"] = "MongoDb",
            ["GrainStorage__MongoDb__ConnectionString"] = $"mongodb://127.0.0.1:{port}",
            ["GrainStorage__MongoDb__StartupTimeout"] = "00:00:03",
        });

        await StartupFailure.AssertExitsWith(process,
            $"GrainStorage:MongoDb:ConnectionString: MongoDB at 127.0.0.1:{port} did not answer within 00:00:03",
            "The silo started, or died differently, with a MongoDB that never answers.");
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(40));
        Assert.Contains($"Waiting for MongoDB at 127.0.0.1:{port} (GrainStorage:MongoDb:ConnectionString)", process.Output, StringComparison.Ordinal);
    }
}
