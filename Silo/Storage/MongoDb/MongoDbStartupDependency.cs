using Loans.Silo.Startup;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Loans.Silo.Storage.MongoDb;

/// <summary>The MongoDB server of a grain storage: answers a <c>ping</c>.</summary>
internal sealed class MongoDbStartupDependency(MongoDbGrainStorageOptions options) : IStartupDependency
{
    public string Setting => $"{MongoDbGrainStorageOptions.SectionName}:{nameof(MongoDbGrainStorageOptions.ConnectionString)}";

    // The servers only: the connection string may carry credentials.
    public string Description { get; } = $"MongoDB at {string.Join(",", MongoUrl.Create(options.ConnectionString).Servers)}";

    public TimeSpan Timeout => options.StartupTimeout;

    public async Task Probe(TimeSpan attemptTimeout, CancellationToken cancellationToken)
    {
        var settings = MongoClientSettings.FromConnectionString(options.ConnectionString);
        settings.ServerSelectionTimeout = attemptTimeout;
        settings.ConnectTimeout = attemptTimeout;
        using var client = new MongoClient(settings);
        await client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);
    }
}
