namespace Loans.Tests.EndToEnd;

/// <summary>A wrong setting stops a process at start-up with a message naming the setting to fix.</summary>
public class StartupValidationTests
{
    [Fact]
    public async Task The_api_refuses_to_start_in_production_without_an_administrator_key()
    {
        using var directory = new TemporaryDirectory("startup");
        await using var process = LoansProcess.Start("Api", "api", directory.Path, new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });

        await StartupFailure.AssertExitsNaming(process, "Admin:ApiKey", "The API started in Production without an administrator key.");
    }

    [Theory]
    [InlineData("Silo", "GrainStorage__Provider", "Bogus", "GrainStorage:Provider")]
    [InlineData("Silo", "GrainStorage__Sqlite__MaxBatchSize", "0", "MaxBatchSize")]
    [InlineData("Silo", "GrainStorage__Sqlite__MemoryMapSize", "-1", "MemoryMapSize")]
    [InlineData("Silo", "FeatureToggles__RefreshInterval", "-00:00:01", "FeatureToggles:RefreshInterval")]
    [InlineData("Silo", "FeatureToggles__PublishTimeout", "00:00:00", "FeatureToggles:PublishTimeout")]
    [InlineData("Silo", "FeatureToggles__Provider", "Redis", "FeatureToggles:Provider")]
    [InlineData("Silo", "FeatureToggles__Provider", "MongoDb", "GrainStorage:MongoDb:ConnectionString")]
    [InlineData("Silo", "Cluster__SiloPort", "70000", "Cluster:SiloPort")]
    [InlineData("Silo", "Activations__LoanOrderIdleTimeout", "00:00:10", "Activations:LoanOrderIdleTimeout")]
    [InlineData("Silo", "Silo__HostApi", "maybe", "Silo:HostApi")]
    [InlineData("Api", "Cluster__GatewayPort", "0", "Cluster:GatewayPort")]
    [InlineData("Api", "Api__MaxRequestBodyBytes", "10", "Api:MaxRequestBodyBytes")]
    [InlineData("Api", "Api__RequestTimeout", "00:00:00.500", "Api:RequestTimeout")]
    [InlineData("Api", "Api__RequestTimeout", "00:02:00", "Api:RequestTimeout")]
    [InlineData("Api", "Admin__ApiKey", "short", "Admin:ApiKey")]
    public async Task A_process_with_an_invalid_setting_exits_naming_it(string project, string variable, string value, string named)
    {
        using var directory = new TemporaryDirectory("startup");
        var settings = new Dictionary<string, string>(AdminCredentials.Settings)
        {
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            [variable] = value,
        };
        await using var process = LoansProcess.Start(project, project, directory.Path, settings);

        await StartupFailure.AssertExitsNaming(process, named, $"{project} kept running with {variable}={value}.");
    }
}
