using Loans.Silo.Storage.MongoDb;

namespace Loans.Silo.FeatureToggles.MongoDb;

/// <summary>
/// Toggles in MongoDB (<c>FeatureToggles:Provider</c> = <c>MongoDb</c>): the same server and database as the orders.
/// The connection comes from <c>GrainStorage:MongoDb</c> (ConnectionString, Database, CollectionPrefix,
/// ServerSelectionTimeout, StartupTimeout); section <c>FeatureToggles:MongoDb</c> names the collections.
/// </summary>
public sealed class MongoDbFeatureToggleStoreOptions
{
    public const string SectionName = "FeatureToggles:MongoDb";

    /// <summary>Where the connection settings are read from: the orders' MongoDB.</summary>
    public const string ConnectionSectionName = MongoDbGrainStorageOptions.SectionName;

    /// <summary>A standard MongoDB connection string of a replica set (transactions need one). Required.</summary>
    public string ConnectionString { get; set; } = "";

    public string Database { get; set; } = "loans";

    /// <summary>Put before both collection names, as for the grain storage's collections.</summary>
    public string CollectionPrefix { get; set; } = "";

    /// <summary>How long one operation looks for a usable server.</summary>
    public TimeSpan ServerSelectionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a starting silo waits for MongoDB to answer (shared with the grain storage's wait).</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One document per toggle, keyed by its name.</summary>
    public string Collection { get; set; } = "feature_toggles";

    /// <summary>One document per change: the audit trail.</summary>
    public string HistoryCollection { get; set; } = "feature_toggle_history";

    /// <summary>
    /// How long a change keeps retrying its transaction when MongoDB says to (a write conflict with a concurrent change,
    /// an election); then the change fails as unavailable (HTTP 503) and stores nothing.
    /// </summary>
    public TimeSpan TransactionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public string TogglesCollectionName => CollectionPrefix + Collection;

    public string HistoryCollectionName => CollectionPrefix + HistoryCollection;
}
