namespace Loans.Grains.Interfaces.Features;

/// <summary>The toggles the code knows about.</summary>
public static class FeatureNames
{
    /// <summary>Switches on the new, additional customer verification.</summary>
    public const string NewVerification = "NEW_VERIFICATION";

    /// <summary>Every toggle the code reads: stored from the first start, and reported by the gauges from start-up.</summary>
    public static readonly IReadOnlyList<string> All = [NewVerification];
}
