namespace Loans.Grains.Interfaces.Features;

/// <summary>The toggles the code knows about.</summary>
public static class FeatureNames
{
    /// <summary>Switches on the new, additional customer verification.</summary>
    public const string NewVerification = "NEW_VERIFICATION";
}
