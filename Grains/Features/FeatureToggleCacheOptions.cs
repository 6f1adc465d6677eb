namespace Loans.Grains.Features;

/// <summary>How the toggle grains and each silo's cache keep stored values. Section <c>FeatureToggles</c>.</summary>
public sealed class FeatureToggleCacheOptions
{
    public const string SectionName = "FeatureToggles";

    /// <summary>
    /// How often a toggle grain re-reads its value, so an edit made straight in the database is picked up.
    /// Changes made through the grain take effect at once.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a change waits for each silo to take it into its cache. A silo that does not answer in time
    /// (it is dying, or cut off) is logged and catches up within <see cref="RefreshInterval"/>.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often each silo stores the last time it evaluated each toggle (what "last evaluated" and stale read).
    /// One write per interval however many evaluations; the value shown lags by up to this long.
    /// </summary>
    public TimeSpan EvaluationReportInterval { get; set; } = TimeSpan.FromMinutes(1);
}
