using MongoDB.Driver;

namespace Loans.Silo.Storage.MongoDb;

internal sealed class MongoDbGrainStorageOptionsValidator : IValidateOptions<MongoDbGrainStorageOptions>
{
    private const string Section = MongoDbGrainStorageOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, MongoDbGrainStorageOptions options)
    {
        var failures = new List<string>();
        var provider = $"MongoDB grain storage '{name}'";
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{provider}: {Section}:ConnectionString must be set (e.g. mongodb://mongo:27017) when GrainStorage:Provider is MongoDb.");
        }
        else
        {
            try
            {
                _ = MongoUrl.Create(options.ConnectionString);
            }
            catch (MongoConfigurationException exception)
            {
                failures.Add($"{provider}: {Section}:ConnectionString is not a MongoDB connection string: {exception.Message}");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Database) || options.Database.IndexOfAny(['/', '\\', '.', ' ', '"', '$', '\0']) >= 0 || options.Database.Length > 63)
        {
            failures.Add($"{provider}: {Section}:Database '{options.Database}' is not a valid database name (1-63 characters, none of / \\ . \" $ or space).");
        }

        var collection = options.CollectionName(name ?? "");
        if (collection.Length == 0 || collection.Contains('$', StringComparison.Ordinal) || collection.Contains('\0', StringComparison.Ordinal)
            || collection.StartsWith("system.", StringComparison.Ordinal))
        {
            failures.Add($"{provider}: {Section}:CollectionPrefix and Collection make '{collection}', which is not a valid collection name (not empty, no $, not system.*).");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add($"{provider}: {Section}:MaxAttempts must be at least 1 (was {options.MaxAttempts}).");
        }

        if (options.RetryDelay < TimeSpan.Zero)
        {
            failures.Add($"{provider}: {Section}:RetryDelay must not be negative.");
        }

        if (options.ServerSelectionTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{provider}: {Section}:ServerSelectionTimeout must be positive.");
        }

        if (options.StartupTimeout < TimeSpan.Zero || options.StartupTimeout > TimeSpan.FromMinutes(30))
        {
            failures.Add($"{provider}: {Section}:StartupTimeout must be between 00:00:00 (do not wait) and 00:30:00 (was {options.StartupTimeout}).");
        }

        if (options.IndexCheckInterval < TimeSpan.FromSeconds(1) || options.IndexCheckInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{provider}: {Section}:IndexCheckInterval must be between 00:00:01 and 1.00:00:00 (was {options.IndexCheckInterval}).");
        }

        foreach (var field in options.IndexedFields.Where(f => string.IsNullOrWhiteSpace(f) || f.StartsWith('$') || f.StartsWith('_')))
        {
            failures.Add($"{provider}: indexed field '{field}' is not a state field path (e.g. order.status).");
        }

        // A TTL index counts whole seconds, and MongoDB refuses 0 and more than about 68 years.
        if (options.ExpireAfter is { } expireAfter && (expireAfter < TimeSpan.FromSeconds(1) || expireAfter.TotalSeconds > int.MaxValue))
        {
            failures.Add($"{provider}: ExpireAfter must be between one second and {int.MaxValue} seconds (was {expireAfter}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
