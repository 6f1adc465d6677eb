using Loans.Grains.Features;
using Loans.Silo.Hosting;
using MongoDB.Bson;
using MongoDB.Driver;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Loans.Tests.Grains;

/// <summary>
/// A silo wired by the real AddLoansSilo with <c>FeatureToggles:Provider=MongoDb</c>, against the replica set named by
/// <c>LOANS_TEST_MONGODB</c> (a database of its own, dropped afterwards). Skipped when it is not set.
/// </summary>
public sealed class MongoDbToggleClusterFixture : IAsyncLifetime
{
    public const string RefreshInterval = "00:00:00.500";

    private readonly TemporaryDirectory directory = new("mongo-toggles");

    public string? ConnectionString { get; } = Environment.GetEnvironmentVariable("LOANS_TEST_MONGODB") is { Length: > 0 } value ? value : null;

    public string Database { get; } = $"loans_toggle_cluster_{Guid.NewGuid():N}";

    public string? SkipReason => ConnectionString is null ? "set LOANS_TEST_MONGODB=mongodb://...?replicaSet=... to run the toggles on MongoDB" : null;

    public TestCluster Cluster { get; private set; } = null!;

    public IMongoCollection<BsonDocument> Toggles => new MongoClient(ConnectionString).GetDatabase(Database).GetCollection<BsonDocument>("feature_toggles");

    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.Properties["GrainStorage:Provider"] = "Sqlite";
        builder.Properties["GrainStorage:Sqlite:DataSource"] = directory.File("loans.db");
        builder.Properties["GrainStorage:MongoDb:ConnectionString"] = ConnectionString!;
        builder.Properties["GrainStorage:MongoDb:Database"] = Database;
        builder.Properties["FeatureToggles:Provider"] = "MongoDb";
        builder.Properties["FeatureToggles:RefreshInterval"] = RefreshInterval;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        directory.Dispose();
        using var client = new MongoClient(ConnectionString);
        await client.DropDatabaseAsync(Database);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddLoansSilo(siloBuilder.Configuration);
    }
}

/// <summary>The toggle behaviours users rely on, with the toggles in MongoDB and two silos sharing them.</summary>
public sealed class MongoDbToggleClusterTests(MongoDbToggleClusterFixture fixture) : IClassFixture<MongoDbToggleClusterFixture>
{
    private IClusterClient Client
    {
        get
        {
            Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
            return fixture.Cluster.Client;
        }
    }

    private IFeatureToggleGrain NewVerification => Client.GetGrain<IFeatureToggleGrain>(FeatureNames.NewVerification);

    [SkippableFact]
    public async Task Switching_new_verification_on_rejects_the_very_next_order_on_every_silo()
    {
        try
        {
            await NewVerification.Set(new FeatureToggleChange(true, "tests"));

            var orders = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SubmitAnna()));

            Assert.All(orders, order => Assert.Equal(LoanOrderStatus.Rejected, order.Status));
        }
        finally
        {
            await NewVerification.Set(new FeatureToggleChange(false, "tests"));
        }

        Assert.Equal(LoanOrderStatus.Verified, (await SubmitAnna()).Status);
    }

    [SkippableFact]
    public async Task A_percentage_rollout_keeps_every_customers_bucket()
    {
        try
        {
            await NewVerification.Set(new FeatureToggleChange(FeatureToggleMode.Percentage, 30, "tests"));
            var customers = Enumerable.Range(0, 30).Select(i => Customers.BornOn(new DateOnly(1980, 1, 1).AddDays(i))).ToArray();

            foreach (var customer in customers)
            {
                var expected = RolloutBucket.IsIn(FeatureNames.NewVerification, customer.Uuid, 30) ? LoanOrderStatus.Rejected : LoanOrderStatus.Verified;
                Assert.Equal(expected, (await Submit(customer)).Status);
            }
        }
        finally
        {
            await NewVerification.Set(new FeatureToggleChange(false, "tests"));
        }
    }

    [SkippableFact]
    public async Task Every_step_of_a_release_is_in_the_audit_trail()
    {
        var name = $"RELEASE_{Guid.NewGuid():N}"[..30].ToUpperInvariant();
        var toggle = Client.GetGrain<IFeatureToggleGrain>(name);

        await toggle.Set(new FeatureToggleChange(FeatureToggleMode.Shadow, 0, "rm", "step 1"));
        await toggle.Set(new FeatureToggleChange(FeatureToggleMode.Percentage, 10, "rm", "step 2"));
        await toggle.Set(new FeatureToggleChange(true, "rm", "step 3"));
        var history = await Client.GetGrain<IFeatureCatalogGrain>(0).History(name, 10);

        Assert.Equal(["ON", "PERCENTAGE 10", "SHADOW"], history.Select(h => h.NewState));
        Assert.Equal(3L, (await toggle.Get()).Revision);
    }

    [SkippableFact]
    public async Task An_edit_made_in_mongosh_reaches_verification_after_the_refresh_interval()
    {
        await NewVerification.Set(new FeatureToggleChange(false, "tests"));
        try
        {
            await fixture.Toggles.UpdateOneAsync(new BsonDocument("_id", FeatureNames.NewVerification), new BsonDocument("$set", new BsonDocument("mode", "ON")));

            var interval = TimeSpan.Parse(MongoDbToggleClusterFixture.RefreshInterval, System.Globalization.CultureInfo.InvariantCulture);
            var deadline = DateTime.UtcNow + interval * 20;
            while ((await SubmitAnna()).Status != LoanOrderStatus.Rejected)
            {
                Assert.True(DateTime.UtcNow < deadline, "the edit did not reach verification within 20 refresh intervals");
                await Task.Delay(interval / 2);
            }
        }
        finally
        {
            await NewVerification.Set(new FeatureToggleChange(false, "tests"));
        }
    }

    private Task<LoanOrder> SubmitAnna() => Submit(Customers.Anna);

    private Task<LoanOrder> Submit(Customer customer) =>
        Client.GetGrain<ILoanOrderGrain>(Guid.NewGuid()).Submit(Customers.ApplicationFor(customer));
}
