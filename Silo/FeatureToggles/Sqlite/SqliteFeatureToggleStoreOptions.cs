namespace Loans.Silo.FeatureToggles.Sqlite;

/// <summary>Where toggle values and their audit trail are stored. Section <c>FeatureToggles</c>.</summary>
public sealed class SqliteFeatureToggleStoreOptions
{
    public const string SectionName = "FeatureToggles";

    /// <summary>Path of the toggle database; relative paths are relative to the working directory.</summary>
    public string DataSource { get; set; } = "data/feature-toggles.db";
}
