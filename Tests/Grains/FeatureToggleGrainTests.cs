using Microsoft.Data.Sqlite;

namespace Loans.Tests.Grains;

[Collection(ClusterCollection.Name)]
public class FeatureToggleGrainTests(LoansClusterFixture fixture)
{
    private IFeatureToggleGrain Toggle(string name) => fixture.Client.GetGrain<IFeatureToggleGrain>(name);

    [Fact]
    public async Task An_unknown_toggle_is_off() => Assert.False(await Toggle("NOT_STORED_ANYWHERE").IsEnabled());

    [Fact]
    public async Task Switching_new_verification_on_rejects_the_very_next_order()
    {
        try
        {
            await Toggle(FeatureNames.NewVerification).Set(new FeatureToggleChange(true, "tests", "demo"));

            var order = await fixture.Client.GetGrain<ILoanOrderGrain>(Guid.NewGuid()).Submit(Customers.ApplicationFor(Customers.Anna));

            Assert.Equal(LoanOrderStatus.Rejected, order.Status);
        }
        finally
        {
            await fixture.SwitchOff(FeatureNames.NewVerification);
        }

        var next = await fixture.Client.GetGrain<ILoanOrderGrain>(Guid.NewGuid()).Submit(Customers.ApplicationFor(Customers.Anna));
        Assert.Equal(LoanOrderStatus.Verified, next.Status);
    }

    [Fact]
    public async Task A_change_is_stored_with_who_made_it()
    {
        var toggle = (await Toggle("AUDITED_TOGGLE").Set(new FeatureToggleChange(true, "alice", "trying it"))).Toggle;

        Assert.Equal("alice", toggle.UpdatedBy);
        Assert.Equal(1L, await ToggleDatabaseScalar("SELECT enabled FROM feature_toggles WHERE name = 'AUDITED_TOGGLE'"));
        Assert.Equal("alice", await ToggleDatabaseScalar("SELECT changed_by FROM feature_toggle_history WHERE name = 'AUDITED_TOGGLE' ORDER BY id DESC LIMIT 1"));
    }

    [Fact]
    public async Task An_edit_made_straight_in_the_database_is_picked_up_after_the_refresh_interval()
    {
        const string name = "EDITED_BY_HAND";
        await Toggle(name).Set(new FeatureToggleChange(false, "tests"));
        Assert.False(await Toggle(name).IsEnabled());

        await ToggleDatabaseScalar($"UPDATE feature_toggles SET enabled = 1 WHERE name = '{name}'");

        var interval = TimeSpan.Parse(LoansClusterFixture.RefreshInterval, System.Globalization.CultureInfo.InvariantCulture);
        var deadline = DateTime.UtcNow + interval * 20;
        while (!await Toggle(name).IsEnabled())
        {
            Assert.True(DateTime.UtcNow < deadline, "the hand edit was not picked up within 20 refresh intervals");
            await Task.Delay(interval / 2);
        }

        // The hand edit is a change like any other: the next revision, its previous state, and who (the database).
        var edited = await Toggle(name).Get();
        Assert.Equal((2L, "OFF", "database-edit"), (edited.Revision, edited.PreviousState, edited.UpdatedBy));
    }

    [Fact]
    public async Task An_edit_made_straight_in_the_database_reaches_verification_after_the_refresh_interval()
    {
        await fixture.SwitchOff(FeatureNames.NewVerification);
        Assert.Equal(LoanOrderStatus.Verified, (await SubmitAnna()).Status);
        try
        {
            await ToggleDatabaseScalar($"UPDATE feature_toggles SET enabled = 1 WHERE name = '{FeatureNames.NewVerification}'");

            var interval = TimeSpan.Parse(LoansClusterFixture.RefreshInterval, System.Globalization.CultureInfo.InvariantCulture);
            var deadline = DateTime.UtcNow + interval * 20;
            while ((await SubmitAnna()).Status != LoanOrderStatus.Rejected)
            {
                Assert.True(DateTime.UtcNow < deadline, "the hand edit did not reach verification within 20 refresh intervals");
                await Task.Delay(interval / 2);
            }
        }
        finally
        {
            await fixture.SwitchOff(FeatureNames.NewVerification);
        }
    }

    private Task<LoanOrder> SubmitAnna() =>
        fixture.Client.GetGrain<ILoanOrderGrain>(Guid.NewGuid()).Submit(Customers.ApplicationFor(Customers.Anna));

    private Task<object?> ToggleDatabaseScalar(string sql) => SqliteFile.Scalar(fixture.ToggleDatabase, sql);
}
