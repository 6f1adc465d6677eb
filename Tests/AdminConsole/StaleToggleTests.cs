using Loans.Api.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Loans.Tests.AdminConsole;

/// <summary>When a toggle is stale, and what each list filter shows.</summary>
public class StaleToggleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly FeatureToggleViews views = new(Options.Create(new FeatureToggleViewOptions { StaleAfter = TimeSpan.FromDays(7) }), new FakeTimeProvider(Now));

    [Theory]
    [InlineData(-7 * 24 * 60 + 1, null, false)]
    [InlineData(-7 * 24 * 60, null, true)]
    [InlineData(-30 * 24 * 60, -60, false)]
    [InlineData(-30 * 24 * 60, -7 * 24 * 60, true)]
    public void A_toggle_is_stale_once_it_has_gone_unevaluated_for_the_stale_period_counted_from_creation_when_never_evaluated(
        int createdMinutesAgo, int? evaluatedMinutesAgo, bool stale)
    {
        var toggle = Toggle("T", Now.AddMinutes(createdMinutesAgo), evaluatedMinutesAgo is { } e ? Now.AddMinutes(e) : null);

        Assert.Equal(stale, views.IsStale(toggle));
    }

    [Fact]
    public void Filters_split_the_toggles_and_all_leaves_out_only_the_archived()
    {
        FeatureToggle[] toggles =
        [
            Toggle("USED", Now.AddDays(-30), Now.AddMinutes(-1)),
            Toggle("FORGOTTEN", Now.AddDays(-30), Now.AddDays(-8)),
            Toggle("RETIRED", Now.AddDays(-30), Now.AddDays(-30)) with { Archived = true },
        ];

        Assert.Equal(["FORGOTTEN", "USED"], views.Select(toggles, FeatureToggleFilter.All, null).Select(t => t.Name));
        Assert.Equal(["USED"], views.Select(toggles, FeatureToggleFilter.Active, null).Select(t => t.Name));
        Assert.Equal(["FORGOTTEN"], views.Select(toggles, FeatureToggleFilter.Stale, null).Select(t => t.Name));
        Assert.Equal(["RETIRED"], views.Select(toggles, FeatureToggleFilter.Archived, null).Select(t => t.Name));
        Assert.Equal(["FORGOTTEN"], views.Select(toggles, FeatureToggleFilter.All, " gott ").Select(t => t.Name));
    }

    private static FeatureToggle Toggle(string name, DateTimeOffset created, DateTimeOffset? evaluated) =>
        new(name, FeatureToggleMode.On, 100, created, "ann", 1, null, CreatedAt: created, LastEvaluatedAt: evaluated);
}
