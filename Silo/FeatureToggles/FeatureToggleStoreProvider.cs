namespace Loans.Silo.FeatureToggles;

/// <summary>Where the toggles and their audit trail are kept. Setting <c>FeatureToggles:Provider</c>.</summary>
public enum FeatureToggleStoreProvider
{
    /// <summary>An embedded SQLite file (<c>FeatureToggles:DataSource</c>), editable by hand. The default; one machine only.</summary>
    Sqlite,

    /// <summary>
    /// The orders' MongoDB (<c>GrainStorage:MongoDb</c>, a replica set): a document per toggle and per audit record,
    /// shared by silos on any number of machines.
    /// </summary>
    MongoDb,
}
