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

        // Creating a toggle, even switched off, is a change; asking for OFF again is not.
        Assert.True((await toggle.Set(new FeatureToggleChange(false, "alice"))).Changed);
        var off = await toggle.Set(new FeatureToggleChange(false, "bob"));
        Assert.False(off.Changed);
        Assert.Equal((FeatureToggleMode.Off, 1L, "alice"), (off.Toggle.Mode, off.Toggle.Revision, off.Toggle.UpdatedBy));
        Assert.Single(await catalog.History(name, 10));

        var on = await toggle.Set(new FeatureToggleChange(true, "alice"));
        Assert.True(on.Changed);
        Assert.Equal((2L, "OFF", "ON"), (on.Toggle.Revision, on.Toggle.PreviousState, on.Toggle.Describe()));

        var again = await toggle.Set(new FeatureToggleChange(FeatureToggleMode.On, 100, "bob"));
        Assert.False(again.Changed);
        Assert.Equal((2L, "alice"), (again.Toggle.Revision, again.Toggle.UpdatedBy));

        // PERCENTAGE 20 is a change; PERCENTAGE 20 again is not.
        Assert.True((await toggle.Set(new FeatureToggleChange(FeatureToggleMode.Percentage, 20, "bob"))).Changed);
        Assert.False((await toggle.Set(new FeatureToggleChange(FeatureToggleMode.Percentage, 20, "bob"))).Changed);

        var history = await catalog.History(name, 10);
        Assert.Equal(["ON -> PERCENTAGE 20", "OFF -> ON", " -> OFF"], history.Select(h => $"{h.OldState} -> {h.NewState}").ToArray());
    }
}
