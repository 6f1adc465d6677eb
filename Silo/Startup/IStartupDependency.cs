namespace Loans.Silo.Startup;

/// <summary>
/// A server the silo cannot work without, checked before the silo starts: the membership table, the grain storage.
/// Each adapter registers its own (see <see cref="StartupDependencyExtensions"/>), saying which setting names it.
/// </summary>
internal interface IStartupDependency
{
    /// <summary>The setting that says where the server is, e.g. <c>Cluster:RedisConnectionString</c>.</summary>
    string Setting { get; }

    /// <summary>What and where, without credentials, e.g. <c>Redis at 127.0.0.1:6379</c>.</summary>
    string Description { get; }

    /// <summary>How long start-up waits for it to answer; zero: start without waiting.</summary>
    TimeSpan Timeout { get; }

    /// <summary>One attempt to reach the server; throws when it does not answer within <paramref name="attemptTimeout"/>.</summary>
    Task Probe(TimeSpan attemptTimeout, CancellationToken cancellationToken);
}
