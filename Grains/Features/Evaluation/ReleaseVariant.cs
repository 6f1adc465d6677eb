using Microsoft.FeatureManagement;

namespace Loans.Grains.Features.Evaluation;

/// <summary>
/// The variants a toggle's feature definition hands out (see <see cref="FeatureToggleDefinition"/>): one name per
/// release step, so the variant alone says whether the feature acts, is only measured, or neither. The same names
/// label the exposure counter (<c>loans_feature_toggle_evaluations_total{variant}</c>), so they stay few and fixed.
/// </summary>
public static class ReleaseVariant
{
    /// <summary>The toggle is off (or outside its time window): the feature does nothing.</summary>
    public const string Off = "off";

    /// <summary>The toggle is on for everybody.</summary>
    public const string On = "on";

    /// <summary>The feature is evaluated for everybody but not acted on; its effect is only measured.</summary>
    public const string Shadow = "shadow";

    /// <summary>A percentage rollout that reaches this customer.</summary>
    public const string PercentageIn = "percentage_in";

    /// <summary>A percentage rollout that does not reach this customer (or whose time window is closed).</summary>
    public const string PercentageOut = "percentage_out";

    public static readonly IReadOnlyList<string> All = [Off, On, Shadow, PercentageIn, PercentageOut];

    /// <summary>The variant's name; a feature the library knows no definition for is off.</summary>
    public static string Of(Variant? variant) => variant?.Name ?? Off;

    /// <summary>Whether the feature acts for a customer who got this variant.</summary>
    /// <remarks>Two comparisons, not the pattern <c>is On or PercentageIn</c>: its mutant <c>On and PercentageIn</c> does not
    /// compile (no string is both), so the line could not be mutation-tested.</remarks>
    public static bool ActsOn(string variant) => variant == On || variant == PercentageIn;
}
