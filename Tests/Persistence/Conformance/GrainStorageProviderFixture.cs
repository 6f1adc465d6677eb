using Loans.Grains;
using Microsoft.Extensions.DependencyInjection;
using Loans.Silo.Hosting;
using Orleans.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Loans.Tests.Persistence.Conformance;

/// <summary>
/// One silo per provider, wired by the real AddLoansSilo from <c>GrainStorage:*</c> settings, whose
/// "orders" grain storage the conformance tests call directly. A provider that cannot run here is not
/// started and its tests report as skipped with <see cref="SkipReason"/>.
/// </summary>
public abstract class GrainStorageProviderFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory directory = new("storage-conformance");
    private TestCluster? cluster;

    /// <summary>Why the provider's tests are skipped; null when it runs.</summary>
    public virtual string? SkipReason => null;

    public IGrainStorage Storage { get; private set; } = null!;

    protected string DataFile(string name) => directory.File(name);

    /// <summary>The <c>GrainStorage</c> settings that select and configure this provider.</summary>
    protected abstract IReadOnlyDictionary<string, string> Settings();

    public virtual async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Properties["FeatureToggles:DataSource"] = DataFile("feature-toggles.db");
        foreach (var (key, value) in Settings())
        {
            builder.Properties[key] = value;
        }

        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        cluster = builder.Build();
        await cluster.DeployAsync();
        var silo = (InProcessSiloHandle)cluster.Primary!;
        Storage = silo.SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Orders);
    }

    public virtual async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddLoansSilo(siloBuilder.Configuration);
    }
}

public sealed class MemoryProviderFixture : GrainStorageProviderFixture
{
    protected override IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["GrainStorage:Provider"] = "Memory",
    };
}

public sealed class SqliteProviderFixture : GrainStorageProviderFixture
{
    protected override IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["GrainStorage:Provider"] = "Sqlite",
        ["GrainStorage:Sqlite:DataSource"] = DataFile("loans.db"),
    };
}

/// <summary>Runs against the MongoDB named by <c>LOANS_TEST_MONGODB</c>, in a database of its own that it drops afterwards.</summary>
public sealed class MongoDbProviderFixture : GrainStorageProviderFixture
{
    public const string Variable = "LOANS_TEST_MONGODB";

    public string? ConnectionString { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public string Database { get; } = $"loans_conformance_{Guid.NewGuid():N}";

    public override string? SkipReason => ConnectionString is null
        ? $"set {Variable}=mongodb://... to run against MongoDB; MongoDB cannot run on this machine"
        : null;

    protected override IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["GrainStorage:Provider"] = "MongoDb",
        ["GrainStorage:MongoDb:ConnectionString"] = ConnectionString!,
        ["GrainStorage:MongoDb:Database"] = Database,
    };

    public MongoDB.Driver.IMongoDatabase OpenDatabase() => new MongoDB.Driver.MongoClient(ConnectionString).GetDatabase(Database);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (ConnectionString is not null)
        {
            using var client = new MongoDB.Driver.MongoClient(ConnectionString);
            await client.DropDatabaseAsync(Database);
        }
    }
}
