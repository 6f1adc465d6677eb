using Loans.Grains.Features;
using Loans.Silo.FeatureToggles;
using Loans.Silo.FeatureToggles.MongoDb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loans.Tests.Persistence.FeatureToggles;

/// <summary>
/// <c>FeatureToggles:Provider</c> chooses the store, and the MongoDB store's settings (connection from
/// <c>GrainStorage:MongoDb</c>, collections from <c>FeatureToggles:MongoDb</c>) are validated at start-up with
/// messages that name the setting to fix.
/// </summary>
public class FeatureToggleStoreProviderTests
{
    private const string ReplicaSet = "mongodb://mongo:27017/?replicaSet=rs0";

    [Theory]
    [InlineData(null, "SqliteFeatureToggleStore")]
    [InlineData("Sqlite", "SqliteFeatureToggleStore")]
    [InlineData("mongodb", "MongoDbFeatureToggleStore")]
    public void The_provider_setting_chooses_the_store(string? provider, string store)
    {
        using var services = Services(new() { ["FeatureToggles:Provider"] = provider, ["GrainStorage:MongoDb:ConnectionString"] = ReplicaSet });

        Assert.Equal(store, services.GetRequiredService<IFeatureToggleStore>().GetType().Name);
    }

    [Fact]
    public void An_unknown_provider_is_refused_naming_the_setting_and_the_choices()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Services(new() { ["FeatureToggles:Provider"] = "Redis" }));

        Assert.Equal("FeatureToggles:Provider is 'Redis'; expected one of: Sqlite, MongoDb.", Assert.Single(refused.Failures));
    }

    [Fact]
    public void The_mongodb_store_takes_the_orders_connection_and_its_own_collections()
    {
        using var services = Services(new()
        {
            ["FeatureToggles:Provider"] = "MongoDb",
            ["GrainStorage:MongoDb:ConnectionString"] = ReplicaSet,
            ["GrainStorage:MongoDb:Database"] = "loans_prod",
            ["GrainStorage:MongoDb:CollectionPrefix"] = "eu_",
            ["FeatureToggles:MongoDb:HistoryCollection"] = "toggle_audit",
        });

        var options = services.GetRequiredService<IOptions<MongoDbFeatureToggleStoreOptions>>().Value;

        Assert.Equal((ReplicaSet, "loans_prod", "eu_feature_toggles", "eu_toggle_audit"),
            (options.ConnectionString, options.Database, options.TogglesCollectionName, options.HistoryCollectionName));
    }

    [Fact]
    public void The_mongodb_store_without_a_connection_string_is_refused_naming_the_orders_setting()
    {
        using var services = Services(new() { ["FeatureToggles:Provider"] = "MongoDb" });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MongoDbFeatureToggleStoreOptions>>().Value);

        Assert.Equal(
            "MongoDB feature toggle store (FeatureToggles:Provider is MongoDb): GrainStorage:MongoDb:ConnectionString must be set, to a replica set (e.g. mongodb://mongo:27017/?replicaSet=rs0).",
            Assert.Single(refused.Failures));
    }

    [Theory]
    [InlineData("FeatureToggles:MongoDb:HistoryCollection", "feature_toggles", "FeatureToggles:MongoDb:Collection and FeatureToggles:MongoDb:HistoryCollection must differ (both are 'feature_toggles').")]
    [InlineData("FeatureToggles:MongoDb:Collection", "system.toggles", "GrainStorage:MongoDb:CollectionPrefix and FeatureToggles:MongoDb:Collection make 'system.toggles', which is not a valid collection name (not empty, no $, not system.*).")]
    [InlineData("FeatureToggles:MongoDb:TransactionTimeout", "00:00:00.500", "FeatureToggles:MongoDb:TransactionTimeout must be between 00:00:01 and 00:02:00 (was 00:00:00.5000000).")]
    [InlineData("GrainStorage:MongoDb:Database", "loans.prod", "GrainStorage:MongoDb:Database 'loans.prod' is not a valid database name (1-63 characters, none of / \\ . \" $ or space).")]
    [InlineData("GrainStorage:MongoDb:ConnectionString", "http://mongo:27017", "GrainStorage:MongoDb:ConnectionString is not a MongoDB connection string: ")]
    public void A_bad_mongodb_store_setting_is_refused_naming_it(string key, string value, string message)
    {
        using var services = Services(new() { ["FeatureToggles:Provider"] = "MongoDb", ["GrainStorage:MongoDb:ConnectionString"] = ReplicaSet, [key] = value });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MongoDbFeatureToggleStoreOptions>>().Value);

        Assert.StartsWith("MongoDB feature toggle store (FeatureToggles:Provider is MongoDb): " + message, Assert.Single(refused.Failures), StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddFeatureToggleStore(configuration)
            .BuildServiceProvider();
    }
}
