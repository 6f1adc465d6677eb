namespace Loans.Tests.Persistence.Conformance;

/// <summary>The contract on Orleans' in-memory storage (GrainStorage:Provider=Memory).</summary>
public sealed class MemoryGrainStorageConformanceTests(MemoryProviderFixture provider)
    : GrainStorageConformance(provider), IClassFixture<MemoryProviderFixture>;

/// <summary>The contract on the SQLite storage (GrainStorage:Provider=Sqlite, the default).</summary>
public sealed class SqliteGrainStorageConformanceTests(SqliteProviderFixture provider)
    : GrainStorageConformance(provider), IClassFixture<SqliteProviderFixture>;
