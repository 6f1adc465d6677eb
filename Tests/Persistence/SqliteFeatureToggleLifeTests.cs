using Loans.Silo.FeatureToggles.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Loans.Tests.Persistence;

/// <summary>
/// What only the SQLite toggle store shows of a toggle's life: files from earlier versions upgraded in place, and an
/// archive made by hand in the file. The life itself (description, owner, archive, restore, paged history, last
/// evaluation) is in the contract every provider passes (Persistence/FeatureToggles/FeatureToggleStoreContract).
/// </summary>
public sealed class SqliteFeatureToggleLifeTests : IDisposable
{
    private readonly TemporaryDirectory directory = new("toggle-life");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));

    private string Database => directory.File("feature-toggles.db");

    [Fact]
    public async Task A_file_from_before_descriptions_gains_the_columns_keeps_its_toggles_and_dates_them_by_their_first_change()
    {
        await Execute("""
            CREATE TABLE feature_toggles (name TEXT NOT NULL PRIMARY KEY, enabled INTEGER NOT NULL, updated_at TEXT, updated_by TEXT,
                mode TEXT NOT NULL DEFAULT 'OFF', percentage INTEGER NOT NULL DEFAULT 0, revision INTEGER NOT NULL DEFAULT 0, previous_state TEXT);
            CREATE TABLE feature_toggle_history (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, old_enabled INTEGER, new_enabled INTEGER NOT NULL,
                changed_at TEXT NOT NULL, changed_by TEXT NOT NULL, reason TEXT, old_state TEXT, new_state TEXT);
            INSERT INTO feature_toggles (name, enabled, mode, percentage, updated_at, updated_by, revision) VALUES ('OLD_ONE', 0, 'PERCENTAGE', 30, '2026-11-02T10:00:00.0000000+00:00', 'ann', 2);
            INSERT INTO feature_toggle_history (name, new_enabled, new_state, changed_at, changed_by) VALUES ('OLD_ONE', 0, 'OFF', '2026-11-01T09:00:00.0000000+00:00', 'ann');
            INSERT INTO feature_toggle_history (name, new_enabled, old_state, new_state, changed_at, changed_by) VALUES ('OLD_ONE', 0, 'OFF', 'PERCENTAGE 30', '2026-11-02T10:00:00.0000000+00:00', 'ann');
            """);

        var store = await OpenStore();
        var old = (await store.Find("OLD_ONE"))!;

        Assert.Equal((FeatureToggleMode.Percentage, 30, 2L, false, (string?)null, (string?)null), (old.Mode, old.Percentage, old.Revision, old.Archived, old.Description, old.Owner));
        Assert.Equal(DateTimeOffset.Parse("2026-11-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), old.CreatedAt);
        Assert.Equal(2, (await store.History("OLD_ONE", 10)).Count);
    }

    [Fact]
    public async Task Archiving_by_hand_in_the_file_is_a_change_the_grains_pick_up()
    {
        var store = await OpenStore();
        await store.Save("HAND_ARCHIVED", new FeatureToggleChange(FeatureToggleMode.On, 100, "ann"));

        await Execute("UPDATE feature_toggles SET archived = 1 WHERE name = 'HAND_ARCHIVED'");
        var toggle = (await store.Find("HAND_ARCHIVED"))!;

        Assert.Equal((true, 2L, "ON", SqliteFeatureToggleStore.HandEditor), (toggle.Archived, toggle.Revision, toggle.PreviousState, toggle.UpdatedBy));
    }

    [Fact]
    public async Task Archiving_a_windowed_toggle_by_hand_remembers_its_window_and_editing_the_window_of_an_archived_one_is_no_change()
    {
        var store = await OpenStore();
        await store.Save("HAND_ARCHIVED_WINDOW", new FeatureToggleChange(FeatureToggleMode.Shadow, 0, "ann", ActiveUntil: new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        await Execute("UPDATE feature_toggles SET archived = 1 WHERE name = 'HAND_ARCHIVED_WINDOW'");
        await Execute("UPDATE feature_toggles SET active_until = '2027-02-01T00:00:00Z' WHERE name = 'HAND_ARCHIVED_WINDOW'");
        var toggle = (await store.Find("HAND_ARCHIVED_WINDOW"))!;

        // Archived is ARCHIVED whatever the window: the second edit changes what a restore brings back, not the state.
        Assert.Equal((true, 2L, "SHADOW until 2027-01-01T00:00:00Z", "SHADOW until 2027-02-01T00:00:00Z"),
            (toggle.Archived, toggle.Revision, toggle.PreviousState, toggle.DescribeMode()));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    private async Task<SqliteFeatureToggleStore> OpenStore()
    {
        var store = new SqliteFeatureToggleStore(Options.Create(new SqliteFeatureToggleStoreOptions { DataSource = Database }), clock, NullLogger<SqliteFeatureToggleStore>.Instance);
        await store.EnsureSchema(CancellationToken.None);
        return store;
    }

    private async Task Execute(string sql) => await SqliteFile.Scalar(Database, sql);
}
