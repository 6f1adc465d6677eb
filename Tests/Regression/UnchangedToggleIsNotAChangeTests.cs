namespace Loans.Tests.Regression;

/// <summary>Defect: an OFF → OFF request was counted as a toggle change and added to the audit trail.</summary>
[Collection(ClusterCollection.Name)]
public class UnchangedToggleIsNotAChangeTests(LoansClusterFixture fixture)
{
    [Fact]
    public async Task A_request_for_the_state_a_toggle_already_has_stores_nothing_and_says_so()
    {
        var name = $"UNCHANGED_{Guid.NewGuid():N}".ToUpperInvariant()[..40];
        var toggle = fixture.Client.GetGrain<IFeatureToggleGrain>(name);
        var catalog = fixture.Client.GetGrain<IFeatureCatalogGrain>(0);

        // A toggle never stored is OFF: switching it off changes nothing.
        var off = await toggle.Set(new FeatureToggleChange(false, "alice"));
        Assert.False(off.Changed);
        Assert.Equal((FeatureToggleMode.Off, 0L), (off.Toggle.Mode, off.Toggle.Revision));
        Assert.Empty(await catalog.History(name, 10));

        var on = await toggle.Set(new FeatureToggleChange(true, "alice"));
        Assert.True(on.Changed);
        Assert.Equal((1L, "OFF", "ON"), (on.Toggle.Revision, on.Toggle.PreviousState, on.Toggle.Describe()));

        var again = await toggle.Set(new FeatureToggleChange(FeatureToggleMode.On, 100, "bob"));
        Assert.False(again.Changed);
        Assert.Equal((1L, "alice"), (again.Toggle.Revision, again.Toggle.UpdatedBy));

        // PERCENTAGE 10 → PERCENTAGE 20 is a change; PERCENTAGE 20 → PERCENTAGE 20 is not.
        Assert.True((await toggle.Set(new FeatureToggleChange(FeatureToggleMode.Percentage, 20, "bob"))).Changed);
        Assert.False((await toggle.Set(new FeatureToggleChange(FeatureToggleMode.Percentage, 20, "bob"))).Changed);

        var history = await catalog.History(name, 10);
        Assert.Equal(["ON -> PERCENTAGE 20", "OFF -> ON"], history.Select(h => $"{h.OldState} -> {h.NewState}").ToArray());
    }
}
