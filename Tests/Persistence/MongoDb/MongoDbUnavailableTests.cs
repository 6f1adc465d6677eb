using Loans.Grains.Interfaces;
using Loans.Grains.Orders;
using Loans.Silo.Storage.MongoDb;
using Loans.Tests.Persistence.Conformance;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Driver;
using Orleans;
using Orleans.Runtime;

namespace Loans.Tests.Persistence.MongoDb;

/// <summary>
/// Nothing listens on 127.0.0.1:1, so every attempt fails the way an unreachable MongoDB does. The storage
/// must give up after its bounded retries with an exception every client can read (the API answers 503).
/// </summary>
public sealed class MongoDbUnavailableTests : IDisposable
{
    /// <summary>Only a guard against a hang; the retries themselves take about two seconds.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly MongoDbGrainStorage storage;

    public MongoDbUnavailableTests()
    {
        storage = new MongoDbGrainStorage("orders", new MongoDbGrainStorageOptions
        {
            ConnectionString = "mongodb://127.0.0.1:1/?connectTimeoutMS=300",
            ServerSelectionTimeout = TimeSpan.FromMilliseconds(500),
            MaxAttempts = 2,
            RetryDelay = TimeSpan.FromMilliseconds(50),
            IndexedFields = ["order.status"],
        }, TimeProvider.System, NullLogger<MongoDbGrainStorage>.Instance);
        storage.Open();
    }

    [Fact]
    public async Task Reading_from_an_unreachable_database_reports_storage_unavailable_after_the_retries()
    {
        var read = storage.ReadStateAsync("order", NewGrainId(), new GrainState<LoanOrderState>());

        var thrown = await Assert.ThrowsAsync<StorageUnavailableException>(() => read.WaitAsync(Bound));

        Assert.Contains("after 2 attempt(s)", thrown.Message, StringComparison.Ordinal);
        Assert.Null(thrown.InnerException);
    }

    [Fact]
    public async Task Writing_to_an_unreachable_database_reports_storage_unavailable_and_keeps_the_etag()
    {
        var state = new GrainState<LoanOrderState>(SampleStates.Order());

        await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.WriteStateAsync("order", NewGrainId(), state).WaitAsync(Bound));

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task A_silo_starts_while_the_database_is_down_and_calls_then_report_storage_unavailable()
    {
        await storage.Start(CancellationToken.None).WaitAsync(Bound);

        await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            storage.ReadStateAsync("order", NewGrainId(), new GrainState<LoanOrderState>()).WaitAsync(Bound));
    }

    [Fact]
    public void Connection_faults_and_primary_changes_are_retried_but_conflicts_are_not()
    {
        Assert.True(MongoDbGrainStorage.IsTransient(new TimeoutException("server selection")));
        Assert.True(MongoDbGrainStorage.IsTransient(new MongoClientException("x") { }.WithLabel("RetryableWriteError")));
        Assert.False(MongoDbGrainStorage.IsTransient(new MongoClientException("bad query")));
        Assert.False(MongoDbGrainStorage.IsTransient(new Orleans.Storage.InconsistentStateException("conflict")));
    }

    public void Dispose() => storage.Dispose();

    private static GrainId NewGrainId() => GrainId.Create("loanorder", Guid.NewGuid().ToString("N"));
}

internal static class MongoExceptionLabels
{
    public static MongoException WithLabel(this MongoException exception, string label)
    {
        exception.AddErrorLabel(label);
        return exception;
    }
}
