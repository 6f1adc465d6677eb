using Loans.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Loans.Tests.Infrastructure;

/// <summary>
/// A TestCluster wired exactly as the real silo (AddLoansSilo) with SQLite files in a temporary folder.
/// One per test collection: starting a cluster costs seconds.
/// </summary>
public class LoansClusterFixture : IAsyncLifetime
{
    public const string RefreshInterval = "00:00:00.500";

    private readonly TemporaryDirectory directory = new("loans-cluster");

    public TestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public string OrdersDatabase => directory.File("loans.db");

    public string ToggleDatabase => directory.File("feature-toggles.db");

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Properties["GrainStorage:Provider"] = "Sqlite";
        builder.Properties["GrainStorage:Sqlite:DataSource"] = OrdersDatabase;
        builder.Properties["FeatureToggles:DataSource"] = ToggleDatabase;
        builder.Properties["FeatureToggles:RefreshInterval"] = RefreshInterval;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Configure(builder);
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>What a fixture for one capability adds to the silo and client wiring.</summary>
    protected virtual void Configure(TestClusterBuilder builder)
    {
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        directory.Dispose();
    }

    /// <summary>Resets a toggle to off so tests that flip it do not leak into each other.</summary>
    public Task SwitchOff(string toggle) =>
        Client.GetGrain<IFeatureToggleGrain>(toggle).Set(new FeatureToggleChange(false, "tests"));

    /// <summary>The last <paramref name="count"/> states of a toggle as the audit trail recorded them, oldest first.</summary>
    public async Task<string[]> ToggleHistory(string toggle, int count)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={ToggleDatabase};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT new_state FROM feature_toggle_history WHERE name = $name ORDER BY id DESC LIMIT $count";
        command.Parameters.AddWithValue("$name", toggle);
        command.Parameters.AddWithValue("$count", count);
        var states = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            states.Add(reader.GetString(0));
        }

        states.Reverse();
        return [.. states];
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddLoansSilo(siloBuilder.Configuration);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<LoansClusterFixture>
{
    public const string Name = "Loans cluster";
}
