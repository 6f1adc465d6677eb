using MongoDB.Driver;

namespace Loans.Silo.FeatureToggles.MongoDb;

/// <summary>Names the setting to fix; runs at start-up, before the silo joins the cluster.</summary>
internal sealed class MongoDbFeatureToggleStoreOptionsValidator : IValidateOptions<MongoDbFeatureToggleStoreOptions>
{
    private const string Connection = MongoDbFeatureToggleStoreOptions.ConnectionSectionName;
    private const string Section = MongoDbFeatureToggleStoreOptions.SectionName;
    private const string Store = "MongoDB feature toggle store (FeatureToggles:Provider is MongoDb)";

    public ValidateOptionsResult Validate(string? name, MongoDbFeatureToggleStoreOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{Store}: {Connection}:ConnectionString must be set, to a replica set (e.g. mongodb://mongo:27017/?replicaSet=rs0).");
        }
        else
        {
            try
            {
                _ = MongoUrl.Create(options.ConnectionString);
            }
            catch (MongoConfigurationException exception)
            {
                failures.Add($"{Store}: {Connection}:ConnectionString is not a MongoDB connection string: {exception.Message}");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Database) || options.Database.IndexOfAny(['/', '\\', '.', ' ', '"', '$', '\0']) >= 0 || options.Database.Length > 63)
        {
            failures.Add($"{Store}: {Connection}:Database '{options.Database}' is not a valid database name (1-63 characters, none of / \\ . \" $ or space).");
        }

        foreach (var (setting, collection) in new[] { ("Collection", options.TogglesCollectionName), ("HistoryCollection", options.HistoryCollectionName) })
        {
            if (collection.Length == 0 || collection.Contains('$', StringComparison.Ordinal) || collection.Contains('\0', StringComparison.Ordinal)
                || collection.StartsWith("system.", StringComparison.Ordinal))
            {
                failures.Add($"{Store}: {Connection}:CollectionPrefix and {Section}:{setting} make '{collection}', which is not a valid collection name (not empty, no $, not system.*).");
            }
        }

        if (string.Equals(options.TogglesCollectionName, options.HistoryCollectionName, StringComparison.Ordinal))
        {
            failures.Add($"{Store}: {Section}:Collection and {Section}:HistoryCollection must differ (both are '{options.TogglesCollectionName}').");
        }

        if (options.ServerSelectionTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Store}: {Connection}:ServerSelectionTimeout must be positive.");
        }

        if (options.StartupTimeout < TimeSpan.Zero || options.StartupTimeout > TimeSpan.FromMinutes(30))
        {
            failures.Add($"{Store}: {Connection}:StartupTimeout must be between 00:00:00 (do not wait) and 00:30:00 (was {options.StartupTimeout}).");
        }

        if (options.TransactionTimeout < TimeSpan.FromSeconds(1) || options.TransactionTimeout > TimeSpan.FromMinutes(2))
        {
            failures.Add($"{Store}: {Section}:TransactionTimeout must be between 00:00:01 and 00:02:00 (was {options.TransactionTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
