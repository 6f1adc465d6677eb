namespace Loans.Tests.Cluster;

/// <summary>
/// One Redis-backed cluster (redis-server, two silos, the API) shared by the cluster tests. Each test leaves
/// it as it found it; <see cref="LoansCluster.EnsureHealthy"/> at the start of a test restarts whatever a
/// previous test stopped.
/// </summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    private LoansCluster? cluster;

    /// <summary>Why the cluster tests are skipped here, or null.</summary>
    public string? SkipReason { get; } = RedisServer.MissingReason;

    public LoansCluster Cluster => cluster ?? throw new InvalidOperationException(SkipReason ?? "The cluster did not start.");

    public async Task InitializeAsync()
    {
        if (SkipReason is null)
        {
            cluster = await LoansCluster.Start();
        }
    }

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RedisClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "Redis cluster";
}
