using Loans.Grains.Features;
using Loans.Silo.FeatureToggles.MongoDb;
using Loans.Silo.FeatureToggles.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Loans.Tests.Persistence.FeatureToggles;

/// <summary>
/// One toggle store per provider, started as the silo starts it, on a clock the tests move. A provider that cannot
/// run here is not started and its tests report as skipped with <see cref="SkipReason"/>.
/// </summary>
public abstract class FeatureToggleStoreFixture : IAsyncLifetime
{
    /// <summary>Whole milliseconds: the precision every provider keeps.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 2, 8, 0, 0, 123, TimeSpan.Zero));

    /// <summary>Why the provider's tests are skipped; null when it runs.</summary>
    public virtual string? SkipReason => null;

    public IFeatureToggleStore Store { get; private set; } = null!;

    /// <summary>When the store was started: the creation time of the toggles it seeds.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    protected abstract Task<IFeatureToggleStore> Open();

    public async Task InitializeAsync()
    {
        if (SkipReason is null)
        {
            StartedAt = Clock.GetUtcNow();
            Store = await Open();
        }
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;
}

public sealed class SqliteFeatureToggleStoreFixture : FeatureToggleStoreFixture
{
    private readonly TemporaryDirectory directory = new("toggle-contract");

    protected override async Task<IFeatureToggleStore> Open()
    {
        var store = new SqliteFeatureToggleStore(
            Options.Create(new SqliteFeatureToggleStoreOptions { DataSource = directory.File("feature-toggles.db") }), Clock, NullLogger<SqliteFeatureToggleStore>.Instance);
        await store.EnsureSchema(CancellationToken.None);
        return store;
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        directory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Runs against the MongoDB named by <c>LOANS_TEST_MONGODB</c> (a replica set), in a database of its own that it drops afterwards.</summary>
public sealed class MongoDbFeatureToggleStoreFixture : FeatureToggleStoreFixture
{
    public const string Variable = "LOANS_TEST_MONGODB";

    private MongoDbFeatureToggleStore? store;

    public string? ConnectionString { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public string Database { get; } = $"loans_toggles_{Guid.NewGuid():N}";

    public override string? SkipReason => ConnectionString is null
        ? $"set {Variable}=mongodb://...?replicaSet=... to run against MongoDB; MongoDB cannot run on this machine"
        : null;

    public MongoDB.Driver.IMongoDatabase OpenDatabase() => new MongoDB.Driver.MongoClient(ConnectionString).GetDatabase(Database);

    protected override async Task<IFeatureToggleStore> Open()
    {
        store = new MongoDbFeatureToggleStore(
            Options.Create(new MongoDbFeatureToggleStoreOptions { ConnectionString = ConnectionString!, Database = Database }), Clock, NullLogger<MongoDbFeatureToggleStore>.Instance);
        await store.Start(CancellationToken.None);
        return store;
    }

    public override async Task DisposeAsync()
    {
        store?.Dispose();
        if (ConnectionString is not null)
        {
            using var client = new MongoDB.Driver.MongoClient(ConnectionString);
            await client.DropDatabaseAsync(Database);
        }
    }
}
