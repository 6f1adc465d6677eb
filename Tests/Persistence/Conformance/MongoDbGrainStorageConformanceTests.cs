using Loans.Silo.Storage.MongoDb;
using Loans.Tests.Persistence.Conformance;
using MongoDB.Bson;
using MongoDB.Driver;
using Orleans;
using Orleans.Runtime;

namespace Loans.Tests.Persistence.Conformance;

/// <summary>
/// The contract on MongoDB (GrainStorage:Provider=MongoDb), plus what only MongoDB shows: the stored document
/// and the indexes. Runs when LOANS_TEST_MONGODB holds a connection string; skipped otherwise.
/// </summary>
public sealed class MongoDbGrainStorageConformanceTests(MongoDbProviderFixture provider)
    : GrainStorageConformance(provider), IClassFixture<MongoDbProviderFixture>
{
    [SkippableFact]
    public async Task A_stored_order_is_a_readable_document_with_typed_fields()
    {
        Skip.If(provider.SkipReason is not null, provider.SkipReason);
        var grain = GrainId.Create("loanorder", Guid.NewGuid().ToString("N"));
        var state = new GrainState<Loans.Grains.Orders.LoanOrderState>(SampleStates.Order(amount: 2000.00m));
        await provider.Storage.WriteStateAsync("order", grain, state);

        var document = await provider.OpenDatabase().GetCollection<BsonDocument>("loan_orders")
            .Find(Builders<BsonDocument>.Filter.Eq("_id", grain.ToString())).SingleAsync();

        Assert.Equal(state.ETag, document["_etag"].ToInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(BsonType.DateTime, document["_createdAt"].BsonType);
        Assert.Equal(BsonType.Decimal128, document["order"]["amount"].BsonType);
        Assert.Equal(BsonType.DateTime, document["order"]["order_date"].BsonType);
        Assert.Equal("VERIFIED", document["order"]["status"].AsString);
        Assert.Equal("Anna", document["order"]["customer"]["person"]["name"].AsString);
    }

    [SkippableFact]
    public async Task The_order_and_idempotency_collections_are_indexed_at_start_up()
    {
        Skip.If(provider.SkipReason is not null, provider.SkipReason);
        var database = provider.OpenDatabase();

        var orders = await (await database.GetCollection<BsonDocument>("loan_orders").Indexes.ListAsync()).ToListAsync();
        var keys = await (await database.GetCollection<BsonDocument>("idempotency_keys").Indexes.ListAsync()).ToListAsync();

        Assert.Contains(orders, i => i["name"] == "ix_order_status");
        Assert.Contains(orders, i => i["name"] == "ix_order_order_date");
        Assert.Contains(keys, i => i["name"] == "ix_claimed_at");
        var expiry = Assert.Single(keys, i => i["name"] == MongoDbStateDocument.ExpiryIndexName);
        Assert.Equal((25 * 3600).ToString(System.Globalization.CultureInfo.InvariantCulture), expiry["expireAfterSeconds"].ToString());
        Assert.DoesNotContain(orders, i => i.Contains("expireAfterSeconds"));
    }

    [SkippableFact]
    public async Task A_changed_expiry_changes_the_existing_ttl_index_in_place()
    {
        Skip.If(provider.SkipReason is not null, provider.SkipReason);
        var collection = $"expiring_{Guid.NewGuid():N}";

        await StartStorage(collection, TimeSpan.FromHours(1));
        await StartStorage(collection, TimeSpan.FromHours(2));

        var indexes = await (await provider.OpenDatabase().GetCollection<BsonDocument>(collection).Indexes.ListAsync()).ToListAsync();
        var expiry = Assert.Single(indexes, i => i["name"] == MongoDbStateDocument.ExpiryIndexName);
        Assert.Equal(7200, expiry["expireAfterSeconds"].ToInt64());
    }

    [SkippableFact]
    public async Task Indexes_and_the_ttl_index_come_back_after_the_collection_is_dropped_while_the_storage_runs()
    {
        Skip.If(provider.SkipReason is not null, provider.SkipReason);
        var collectionName = $"dropped_{Guid.NewGuid():N}";
        using var storage = new MongoDbGrainStorage("dropped", new MongoDbGrainStorageOptions
        {
            ConnectionString = provider.ConnectionString!,
            Database = provider.Database,
            Collection = collectionName,
            IndexedFields = ["claimed_at"],
            ExpireAfter = TimeSpan.FromHours(1),
            IndexCheckInterval = TimeSpan.FromSeconds(1),
        }, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<MongoDbGrainStorage>.Instance);
        await storage.Start(CancellationToken.None);
        var collection = provider.OpenDatabase().GetCollection<BsonDocument>(collectionName);
        await storage.WriteStateAsync("key", GrainId.Create("idempotencykey", "before"), new GrainState<Loans.Grains.Orders.LoanOrderState>(SampleStates.Order()));

        // As a restore or a mistaken drop does: the next write creates the collection again, bare.
        await collection.Database.DropCollectionAsync(collectionName);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await storage.WriteStateAsync("key", GrainId.Create("idempotencykey", "after"), new GrainState<Loans.Grains.Orders.LoanOrderState>(SampleStates.Order()));

        var indexes = await (await collection.Indexes.ListAsync()).ToListAsync();
        Assert.Contains(indexes, i => i["name"] == "ix_claimed_at");
        Assert.Equal(3600, Assert.Single(indexes, i => i["name"] == MongoDbStateDocument.ExpiryIndexName)["expireAfterSeconds"].ToInt64());
    }

    private async Task StartStorage(string collection, TimeSpan expireAfter)
    {
        using var storage = new MongoDbGrainStorage("expiring", new MongoDbGrainStorageOptions
        {
            ConnectionString = provider.ConnectionString!,
            Database = provider.Database,
            Collection = collection,
            ExpireAfter = expireAfter,
        }, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<MongoDbGrainStorage>.Instance);
        await storage.Start(CancellationToken.None);
        // Start makes one attempt and defers on failure; a read makes sure the indexes were made.
        await storage.ReadStateAsync("key", GrainId.Create("idempotencykey", "probe"), new GrainState<Loans.Grains.Orders.LoanOrderState>());
    }
}
