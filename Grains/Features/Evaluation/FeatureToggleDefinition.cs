using System.Globalization;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace Loans.Grains.Features.Evaluation;

/// <summary>
/// A stored toggle as Microsoft.FeatureManagement defines a feature. The release modes map onto the library's parts:
/// <list type="bullet">
/// <item>OFF: no filter, so the feature is disabled; variant <see cref="ReleaseVariant.Off"/>.</item>
/// <item>ON: the built-in <c>AlwaysOn</c> filter; variant <see cref="ReleaseVariant.On"/>.</item>
/// <item>SHADOW: <c>AlwaysOn</c> with variant <see cref="ReleaseVariant.Shadow"/>, whose status override keeps the
/// feature disabled: evaluated for everybody, acted on for nobody.</item>
/// <item>PERCENTAGE n: the <see cref="RolloutFilter"/> (today's buckets); variants <see cref="ReleaseVariant.PercentageIn"/>
/// and <see cref="ReleaseVariant.PercentageOut"/>.</item>
/// </list>
/// A time window adds the library's <c>Microsoft.TimeWindow</c> filter, required together with the mode's filter.
/// An archived toggle is defined as OFF whatever mode and window it keeps for a restore.
/// Evaluation telemetry is on, so the library adds its evaluation event to the trace.
/// </summary>
public static class FeatureToggleDefinition
{
    public const string AlwaysOnFilterName = "AlwaysOn";

    public const string TimeWindowFilterName = "Microsoft.TimeWindow";

    public static FeatureDefinition Of(FeatureToggle toggle)
    {
        var filters = new List<FeatureFilterConfiguration>();
        string whenEnabled, whenDisabled;
        switch (toggle.Archived ? FeatureToggleMode.Off : toggle.Mode)
        {
            case FeatureToggleMode.On:
                filters.Add(new FeatureFilterConfiguration { Name = AlwaysOnFilterName });
                (whenEnabled, whenDisabled) = (ReleaseVariant.On, ReleaseVariant.Off);
                break;
            case FeatureToggleMode.Shadow:
                filters.Add(new FeatureFilterConfiguration { Name = AlwaysOnFilterName });
                (whenEnabled, whenDisabled) = (ReleaseVariant.Shadow, ReleaseVariant.Off);
                break;
            case FeatureToggleMode.Percentage:
                filters.Add(new FeatureFilterConfiguration
                {
                    Name = RolloutFilter.Alias,
                    ParametersObject = new RolloutFilterSettings { Percentage = toggle.Percentage },
                });
                (whenEnabled, whenDisabled) = (ReleaseVariant.PercentageIn, ReleaseVariant.PercentageOut);
                break;
            default:
                (whenEnabled, whenDisabled) = (ReleaseVariant.Off, ReleaseVariant.Off);
                break;
        }

        // A mode with no filter (OFF) stays disabled: a window alone would enable it. "is not []", not "Count > 0":
        // Stryker's mutants of the latter (Count < 0, Count to Sum()) do not compile, so the line went untested.
        if (filters is not [] && (toggle.ActiveFrom is not null || toggle.ActiveUntil is not null))
        {
            filters.Add(new FeatureFilterConfiguration
            {
                Name = TimeWindowFilterName,
                ParametersObject = new TimeWindowFilterSettings { Start = toggle.ActiveFrom, End = toggle.ActiveUntil },
            });
        }

        return new FeatureDefinition
        {
            Name = toggle.Name,
            EnabledFor = filters,
            // The mode's filter and the window must both say yes. AlwaysOn counts as yes under All.
            RequirementType = RequirementType.All,
            Variants = new[] { whenEnabled, whenDisabled }.Distinct(StringComparer.Ordinal).Select(Variant).ToList(),
            Allocation = new Allocation { DefaultWhenEnabled = whenEnabled, DefaultWhenDisabled = whenDisabled },
            Telemetry = new TelemetryConfiguration
            {
                Enabled = true,
                // Joins an evaluation in a trace to the change in the audit trail that made the toggle so.
                Metadata = new Dictionary<string, string> { ["Revision"] = toggle.Revision.ToString(CultureInfo.InvariantCulture) },
            },
        };
    }

    private static VariantDefinition Variant(string name) => new()
    {
        Name = name,
        // Shadow is evaluated but never acted on: whoever asks IsEnabledAsync gets false.
        StatusOverride = name == ReleaseVariant.Shadow ? StatusOverride.Disabled : StatusOverride.None,
    };
}
