using Loans.Silo.FeatureToggles.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Loans.Tests.AdminConsole;

/// <summary>The console's "recent changes": the latest changes of every toggle, newest first.</summary>
public sealed class RecentHistoryTests : IDisposable
{
    private readonly TemporaryDirectory directory = new("recent-history");

    [Fact]
    public async Task Lists_the_latest_changes_of_all_toggles_newest_first_up_to_the_limit()
    {
        var store = new SqliteFeatureToggleStore(
            Options.Create(new SqliteFeatureToggleStoreOptions { DataSource = directory.File("feature-toggles.db") }),
            TimeProvider.System, NullLogger<SqliteFeatureToggleStore>.Instance);
        await store.EnsureSchema(CancellationToken.None);
        await store.Save("FIRST", new FeatureToggleChange(FeatureToggleMode.Shadow, 0, "ann", "try it"));
        await store.Save("SECOND", new FeatureToggleChange(FeatureToggleMode.Percentage, 20, "bob"));
        await store.Save("FIRST", new FeatureToggleChange(FeatureToggleMode.On, 100, "ann"));

        var recent = await store.History(name: null, limit: 2);
        var ofFirst = await store.History("FIRST", limit: 10);

        Assert.Equal([("FIRST", "SHADOW", "ON", "ann"), ("SECOND", null, "PERCENTAGE 20", "bob")],
            recent.Select(r => (r.Name, r.OldState, r.NewState, r.ChangedBy)));
        Assert.Equal(["ON", "SHADOW"], ofFirst.Select(r => r.NewState));
    }

    public void Dispose() => directory.Dispose();
}
