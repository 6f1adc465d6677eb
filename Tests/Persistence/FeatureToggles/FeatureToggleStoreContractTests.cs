using Loans.Silo.FeatureToggles.MongoDb;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Loans.Tests.Persistence.FeatureToggles;

/// <summary>The contract on the SQLite file (FeatureToggles:Provider=Sqlite, the default).</summary>
public sealed class SqliteFeatureToggleStoreContractTests(SqliteFeatureToggleStoreFixture provider)
    : FeatureToggleStoreContract(provider), IClassFixture<SqliteFeatureToggleStoreFixture>;

/// <summary>
/// The contract on MongoDB (FeatureToggles:Provider=MongoDb), plus what only MongoDB shows: the stored documents, the
/// audit trail's indexes, and an edit made in mongosh. Runs when LOANS_TEST_MONGODB names a replica set; skipped otherwise.
/// </summary>
public sealed class MongoDbFeatureToggleStoreContractTests(MongoDbFeatureToggleStoreFixture provider)
    : FeatureToggleStoreContract(provider), IClassFixture<MongoDbFeatureToggleStoreFixture>
{
    [SkippableFact]
    public async Task A_change_is_a_readable_toggle_document_and_one_audit_document()
    {
        Skip.If(provider.SkipReason is not null, provider.SkipReason);
        await provider.Store.Save("MONGO_READABLE", new FeatureToggleChange(FeatureToggleMode.Percentage, 10, "alice", "canary"));
        var database = provider.OpenDatabase();

        var toggle = await database.GetCollection<BsonDocument>("feature_toggles").Find(new BsonDocument("_id", "MONGO_READABLE")).SingleAsync();
        var audit = await database.GetCollection<BsonDocument>("feature_toggle_history").Find(new BsonDocument("name", "MONGO_READABLE")).SingleAsync();

        Assert.Equal(("PERCENTAGE", 10, 1L, "alice", false), (toggle["mode"].AsString, toggle["percentage"].AsInt32, toggle["revision"].AsInt64, toggle["updated_by"].AsString, toggle["archived"].AsBoolean));
        Assert.Equal(toggle["updated_at"], toggle["created_at"]);
        Assert.Equal(BsonType.DateTime, toggle["updated_at"].BsonType);
        Assert.Equal(((BsonValue)BsonNull.Value, "PERCENTAGE 10", "alice", "canary", 1L),
            (audit["old_state"], audit["new_state"].AsString, audit["changed_by"].AsString, audit["reason"].AsString, audit["revision"].AsInt64));
    }

    [SkippableFact]
    public async Task The_audit_trail_is_indexed_in_the_order_a_toggle_page_and_the_whole_trail_read_it()
    {
        Skip.If(provider.SkipReason is not null, provider.SkipReason);

        var indexes = await (await provider.OpenDatabase().GetCollection<BsonDocument>("feature_toggle_history").Indexes.ListAsync()).ToListAsync();

        // Not unique on the revision: an edit of a toggle's description or owner keeps its revision.
        Assert.Equal(BsonDocument.Parse("{ name: 1, revision: -1, changed_at: -1, _id: -1 }"), Assert.Single(indexes, i => i["name"] == "ix_name_revision_changed_at")["key"].AsBsonDocument);
        Assert.Contains(indexes, i => i["name"] == "ix_changed_at");
    }

    [SkippableFact]
    public async Task A_toggle_archived_in_mongosh_is_read_archived_with_its_mode_kept()
    {
        Skip.If(provider.SkipReason is not null, provider.SkipReason);
        await provider.Store.Save("MONGO_HAND_ARCHIVE", new FeatureToggleChange(true, "alice"));

        await provider.OpenDatabase().GetCollection<BsonDocument>("feature_toggles").UpdateOneAsync(
            new BsonDocument("_id", "MONGO_HAND_ARCHIVE"), new BsonDocument("$set", new BsonDocument("archived", true)));

        var archived = (await provider.Store.Find("MONGO_HAND_ARCHIVE"))!;
        Assert.Equal((true, FeatureToggleMode.On, "ARCHIVED"), (archived.Archived, archived.Mode, archived.Describe()));
    }

    [SkippableFact]
    public async Task A_document_edited_in_mongosh_is_read_as_the_state_it_now_holds()
    {
        Skip.If(provider.SkipReason is not null, provider.SkipReason);
        await provider.Store.Save("MONGO_HAND_EDIT", new FeatureToggleChange(false, "alice"));

        await provider.OpenDatabase().GetCollection<BsonDocument>("feature_toggles").UpdateOneAsync(
            new BsonDocument("_id", "MONGO_HAND_EDIT"), new BsonDocument("$set", new BsonDocument { { "mode", "shadow" }, { "updated_by", "ops" } }));

        var edited = await provider.Store.Find("MONGO_HAND_EDIT");
        Assert.Equal((FeatureToggleMode.Shadow, "ops"), (edited!.Mode, edited.UpdatedBy));
    }
}
