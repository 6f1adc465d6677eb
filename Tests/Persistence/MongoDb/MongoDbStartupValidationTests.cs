namespace Loans.Tests.Persistence.MongoDb;

/// <summary>The real silo process refuses to start on MongoDB without knowing where MongoDB is.</summary>
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
}
