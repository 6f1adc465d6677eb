using Loans.Silo.FeatureToggles.MongoDb;
using MongoDB.Bson;

namespace Loans.Tests.Persistence.FeatureToggles;

/// <summary>
/// The MongoDB toggle store's documents, without a server: the shape a person sees in mongosh (names and BSON types),
/// and how documents written or edited by hand read back. Runs always.
/// </summary>
public class MongoDbToggleDocumentsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 8, 15, 30, 250, TimeSpan.Zero);

    [Fact]
    public void A_toggle_is_a_document_keyed_by_its_name_with_typed_fields()
    {
        var toggle = new FeatureToggle("NEW_VERIFICATION", FeatureToggleMode.Percentage, 10, At, "alice", Revision: 3, PreviousState: "SHADOW",
            Description: "New scoring", Owner: "risk team", CreatedAt: At.AddDays(-7), Archived: true, LastEvaluatedAt: At.AddMinutes(1),
            ActiveFrom: new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero), ActiveUntil: null);

        var document = MongoDbToggleDocuments.Toggle(toggle);

        Assert.Equal(new BsonDocument
        {
            { "_id", "NEW_VERIFICATION" },
            { "mode", "PERCENTAGE" },
            { "percentage", new BsonInt32(10) },
            { "active_from", new BsonDateTime(new DateTime(2026, 12, 5, 8, 0, 0, DateTimeKind.Utc)) },
            { "active_until", BsonNull.Value },
            { "updated_at", new BsonDateTime(At.UtcDateTime) },
            { "updated_by", "alice" },
            { "revision", new BsonInt64(3) },
            { "previous_state", "SHADOW" },
            { "description", "New scoring" },
            { "owner", "risk team" },
            { "created_at", new BsonDateTime(At.AddDays(-7).UtcDateTime) },
            { "archived", true },
            { "last_evaluated_at", new BsonDateTime(At.AddMinutes(1).UtcDateTime) },
        }, document);
        Assert.Equal(toggle, MongoDbToggleDocuments.ReadToggle(document));
    }

    [Fact]
    public void A_known_toggle_is_seeded_off_at_revision_zero_without_an_author_created_when_seeded()
    {
        var seed = MongoDbToggleDocuments.Seed("NEW_VERIFICATION", At.AddTicks(9_999));

        Assert.Equal(new FeatureToggle("NEW_VERIFICATION", FeatureToggleMode.Off, 0, UpdatedAt: null, UpdatedBy: null, CreatedAt: At), MongoDbToggleDocuments.ReadToggle(seed));
        Assert.Equal(((BsonValue)BsonNull.Value, 0L, false, (BsonValue)BsonNull.Value), (seed["updated_at"], seed["revision"].AsInt64, seed["archived"].AsBoolean, seed["last_evaluated_at"]));
    }

    [Fact]
    public void A_document_edited_by_hand_is_read_leniently()
    {
        var edited = new BsonDocument
        {
            { "_id", "NEW_VERIFICATION" },
            { "mode", "percentage" },
            { "percentage", 25.0 },
            { "revision", 4 },
            { "active_from", "2026-12-05T09:00:00.900+01:00" },
        };

        var toggle = MongoDbToggleDocuments.ReadToggle(edited);

        Assert.Equal(new FeatureToggle("NEW_VERIFICATION", FeatureToggleMode.Percentage, 25, UpdatedAt: null, UpdatedBy: null, Revision: 4,
            ActiveFrom: new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero)), toggle);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("'yes'", false)]
    public void Archived_may_be_set_by_hand_as_a_boolean_or_as_1(string stored, bool archived)
    {
        var toggle = MongoDbToggleDocuments.ReadToggle(BsonDocument.Parse($"{{ _id: 'T', mode: 'ON', archived: {stored} }}"));

        Assert.Equal((archived, FeatureToggleMode.On), (toggle.Archived, toggle.Mode));
    }

    [Theory]
    [InlineData("ENABLED", FeatureToggleMode.Off, 0)]
    [InlineData("on", FeatureToggleMode.On, 100)]
    [InlineData("Shadow", FeatureToggleMode.Shadow, 0)]
    [InlineData("7", FeatureToggleMode.Off, 0)]
    public void A_mode_is_read_in_any_case_and_an_unknown_one_is_off(string mode, FeatureToggleMode expected, int percentage)
    {
        var toggle = MongoDbToggleDocuments.ReadToggle(new BsonDocument { { "_id", "T" }, { "mode", mode }, { "percentage", 55 }, { "active_from", new BsonDateTime(At.UtcDateTime) } });

        Assert.Equal((expected, percentage), (toggle.Mode, toggle.Percentage));
        // Off at any time, so no window whatever the document holds.
        Assert.Equal(expected == FeatureToggleMode.Off, toggle.ActiveFrom is null);
    }

    [Theory]
    [InlineData(-5, 0)]
    [InlineData(250, 100)]
    public void A_percentage_edited_out_of_range_is_kept_within_0_and_100(int stored, int read)
    {
        var toggle = MongoDbToggleDocuments.ReadToggle(new BsonDocument { { "_id", "T" }, { "mode", "PERCENTAGE" }, { "percentage", stored } });

        Assert.Equal(read, toggle.Percentage);
    }

    [Fact]
    public void A_change_is_an_audit_document_that_reads_back_as_its_record()
    {
        var old = new FeatureToggle("NEW_VERIFICATION", FeatureToggleMode.Percentage, 50, At.AddHours(-1), "alice", Revision: 4);
        var saved = new FeatureToggle("NEW_VERIFICATION", FeatureToggleMode.On, 100, At, "bob", Revision: 5, PreviousState: "PERCENTAGE 50");

        var document = MongoDbToggleDocuments.Change(old, saved, "full release");

        Assert.Equal(BsonType.ObjectId, document["_id"].BsonType);
        Assert.Equal(
            ("NEW_VERIFICATION", 5L, "PERCENTAGE 50", "ON", new BsonDateTime(At.UtcDateTime), "bob", "full release"),
            (document["name"].AsString, document["revision"].AsInt64, document["old_state"].AsString, document["new_state"].AsString,
                document["changed_at"].AsBsonDateTime, document["changed_by"].AsString, document["reason"].AsString));
        Assert.Equal(new FeatureToggleChangeRecord("NEW_VERIFICATION", "PERCENTAGE 50", "ON", At, "bob", "full release"), MongoDbToggleDocuments.ReadChange(document));
    }

    [Fact]
    public void The_first_change_of_a_toggle_has_no_old_state_and_no_reason_when_none_was_given()
    {
        var document = MongoDbToggleDocuments.Change(old: null, new FeatureToggle("T", FeatureToggleMode.Shadow, 0, At, "alice", Revision: 1), reason: null);

        Assert.Equal(((BsonValue)BsonNull.Value, (BsonValue)BsonNull.Value), (document["old_state"], document["reason"]));
        Assert.Equal(new FeatureToggleChangeRecord("T", null, "SHADOW", At, "alice", null), MongoDbToggleDocuments.ReadChange(document));
    }

    [Fact]
    public void An_archive_is_audited_as_the_state_it_leaves_and_an_edit_of_the_details_as_the_fields_it_changes()
    {
        var old = new FeatureToggle("T", FeatureToggleMode.Shadow, 0, At.AddHours(-1), "alice", Revision: 2, Description: "first", Owner: "ann");

        var archive = MongoDbToggleDocuments.Change(old, old with { Archived = true, Revision = 3, UpdatedAt = At, UpdatedBy = "bob" }, "done");
        var details = MongoDbToggleDocuments.Change(old, old with { Owner = "bob", UpdatedAt = At, UpdatedBy = "bob" }, null);

        Assert.Equal(("SHADOW", "ARCHIVED", 3L), (archive["old_state"].AsString, archive["new_state"].AsString, archive["revision"].AsInt64));
        Assert.Equal(("owner: ann", "owner: bob", 2L), (details["old_state"].AsString, details["new_state"].AsString, details["revision"].AsInt64));
    }

    [Fact]
    public void Instants_are_cut_to_the_milliseconds_a_bson_date_keeps()
    {
        var precise = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);

        Assert.Equal(new DateTimeOffset(2026, 12, 2, 8, 0, 0, 123, TimeSpan.Zero), MongoDbToggleDocuments.ToBsonPrecision(precise));
    }

    [Theory]
    [InlineData("{ setName: 'rs0', isWritablePrimary: true }", true)]
    [InlineData("{ msg: 'isdbgrid', isWritablePrimary: true }", true)]
    [InlineData("{ isWritablePrimary: true, maxWireVersion: 25 }", false)]
    public void Transactions_need_a_replica_set_member_or_a_sharded_router(string hello, bool supported)
    {
        Assert.Equal(supported, MongoDbTransactionSupport.Supported(BsonDocument.Parse(hello)));
    }

    [Fact]
    public void A_standalone_server_is_refused_with_the_fix_named()
    {
        var message = MongoDbTransactionSupport.StandaloneMessage("mongo:27017");

        Assert.Contains("MongoDB at mongo:27017 is a standalone server", message, StringComparison.Ordinal);
        Assert.Contains("mongod --replSet rs0", message, StringComparison.Ordinal);
        Assert.Contains("GrainStorage:MongoDb:ConnectionString (?replicaSet=rs0)", message, StringComparison.Ordinal);
    }
}
