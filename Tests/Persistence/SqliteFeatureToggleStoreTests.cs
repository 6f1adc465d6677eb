using Loans.Silo.FeatureToggles.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Loans.Tests.Persistence;

public sealed class SqliteFeatureToggleStoreTests : IDisposable
{
    private readonly TemporaryDirectory directory = new("toggle-store");

    private string Database => directory.File("feature-toggles.db");

    [Fact]
    public async Task A_fresh_database_lists_new_verification_switched_off()
    {
        var store = await OpenStore();

        var before = DateTimeOffset.UtcNow;
        var toggle = Assert.Single(await store.List());

        // Never changed; created by the seed, at the start.
        Assert.Equal(new FeatureToggle(FeatureNames.NewVerification, false, null, null), toggle with { CreatedAt = null });
        Assert.InRange(toggle.CreatedAt!.Value, before.AddMinutes(-1), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_database_from_the_seed_without_release_modes_is_upgraded_in_place()
    {
        await Execute("CREATE TABLE feature_toggles (name TEXT NOT NULL PRIMARY KEY, enabled INTEGER NOT NULL, updated_at TEXT, updated_by TEXT); INSERT INTO feature_toggles (name, enabled) VALUES ('NEW_VERIFICATION', 1);");

        var store = await OpenStore();

        Assert.Equal(FeatureToggleMode.On, (await store.Find(FeatureNames.NewVerification))!.Mode);
    }

    [Fact]
    public async Task Setting_enabled_by_hand_switches_a_toggle_fully_on_whatever_its_mode()
    {
        var store = await OpenStore();
        await store.Save(FeatureNames.NewVerification, new FeatureToggleChange(FeatureToggleMode.Shadow, 0, "tests"));

        await Execute("UPDATE feature_toggles SET enabled = 1 WHERE name = 'NEW_VERIFICATION'");
        var onByHand = await store.Find(FeatureNames.NewVerification);
        await Execute("UPDATE feature_toggles SET enabled = 0 WHERE name = 'NEW_VERIFICATION'");
        var backToShadow = await store.Find(FeatureNames.NewVerification);

        Assert.Equal(FeatureToggleMode.On, onByHand!.Mode);
        Assert.Equal(FeatureToggleMode.Shadow, backToShadow!.Mode);
    }

    [Fact]
    public async Task Each_change_and_its_audit_row_are_written_together()
    {
        var store = await OpenStore();

        await store.Save("AUDITED", new FeatureToggleChange(FeatureToggleMode.Percentage, 25, "alice", "canary"));
        await store.Save("AUDITED", new FeatureToggleChange(false, "bob"));

        Assert.Equal(2L, await Scalar("SELECT COUNT(*) FROM feature_toggle_history WHERE name = 'AUDITED'"));
        Assert.Equal("PERCENTAGE 25|OFF|bob", await Scalar("SELECT old_state || '|' || new_state || '|' || changed_by FROM feature_toggle_history WHERE name = 'AUDITED' ORDER BY id DESC LIMIT 1"));
    }

    [Fact]
    public async Task A_time_window_typed_by_hand_is_a_change_with_the_next_revision_read_in_utc()
    {
        var store = await OpenStore();
        await store.Save(FeatureNames.NewVerification, new FeatureToggleChange(true, "tests"));

        await Execute("UPDATE feature_toggles SET active_from = '2026-12-05T09:00:00+01:00' WHERE name = 'NEW_VERIFICATION'");
        var edited = await store.Find(FeatureNames.NewVerification);

        Assert.Equal(new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero), edited!.ActiveFrom);
        Assert.Equal((2L, "ON", SqliteFeatureToggleStore.HandEditor), (edited.Revision, edited.PreviousState, edited.UpdatedBy));
    }

    [Fact]
    public async Task A_database_from_before_time_windows_is_upgraded_in_place_and_keeps_its_state()
    {
        await Execute("""
            CREATE TABLE feature_toggles (name TEXT NOT NULL PRIMARY KEY, enabled INTEGER NOT NULL, updated_at TEXT, updated_by TEXT,
                mode TEXT NOT NULL DEFAULT 'OFF', percentage INTEGER NOT NULL DEFAULT 0, revision INTEGER NOT NULL DEFAULT 0, previous_state TEXT);
            INSERT INTO feature_toggles (name, enabled, mode, percentage, revision) VALUES ('NEW_VERIFICATION', 0, 'PERCENTAGE', 20, 7);
            CREATE TRIGGER feature_toggles_hand_edit_revision AFTER UPDATE OF enabled ON feature_toggles BEGIN SELECT 1; END;
            """);

        var store = await OpenStore();
        await Execute("UPDATE feature_toggles SET active_until = '2027-01-01T00:00:00Z' WHERE name = 'NEW_VERIFICATION'");
        var toggle = await store.Find(FeatureNames.NewVerification);

        Assert.Equal((FeatureToggleMode.Percentage, 20), (toggle!.Mode, toggle.Percentage));
        // The trigger was replaced by one that sees the window: the edit is the next revision.
        Assert.Equal((8L, "PERCENTAGE 20"), (toggle.Revision, toggle.PreviousState));
        Assert.Equal("PERCENTAGE 20 until 2027-01-01T00:00:00Z", toggle.Describe());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    private async Task<SqliteFeatureToggleStore> OpenStore()
    {
        var store = new SqliteFeatureToggleStore(Options.Create(new SqliteFeatureToggleStoreOptions { DataSource = Database }), TimeProvider.System, NullLogger<SqliteFeatureToggleStore>.Instance);
        await store.EnsureSchema(CancellationToken.None);
        return store;
    }

    private async Task Execute(string sql) => await Scalar(sql);

    private Task<object?> Scalar(string sql) => SqliteFile.Scalar(Database, sql);
}
