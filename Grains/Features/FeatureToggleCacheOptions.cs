namespace Loans.Grains.Features;

/// <summary>How the toggle grains cache stored values. Section <c>FeatureToggles</c>.</summary>
public sealed class FeatureToggleCacheOptions
{
    public const string SectionName = "FeatureToggles";

    /// <summary>
    /// How often a toggle grain re-reads its value, so an edit made straight in the database is picked up.
    /// Changes made through the grain take effect at once.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
