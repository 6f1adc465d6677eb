using System.Diagnostics;
using Loans.Grains.Interfaces;
using Loans.Grains.Orders;
using Loans.Silo.Storage.MongoDb;
using Loans.Tests.Persistence.Conformance;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;

namespace Loans.Tests.Persistence.MongoDb;

/// <summary>
/// The caller's deadline stops MongoDB's retries, their back-off and the driver's wait for a server. Nothing listens
/// on 127.0.0.1:1, as when MongoDB is down; with these settings a write would retry for about 15 s (3 attempts of a
/// 5 s server selection), longer than any request's budget.
/// </summary>
public sealed class MongoDbDeadlineTests : IDisposable
{
    private readonly MongoDbGrainStorage storage;

    public MongoDbDeadlineTests()
    {
        storage = new MongoDbGrainStorage("orders", new MongoDbGrainStorageOptions
        {
            ConnectionString = "mongodb://127.0.0.1:1/",
            ServerSelectionTimeout = TimeSpan.FromSeconds(5),
            MaxAttempts = 3,
            RetryDelay = TimeSpan.FromMilliseconds(200),
        }, TimeProvider.System, NullLogger<MongoDbGrainStorage>.Instance);
        storage.Open();
    }

    [Fact]
    public async Task A_write_under_way_at_the_deadline_stops_then_and_does_not_claim_nothing_was_written()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        var clock = Stopwatch.StartNew();

        var failed = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            storage.WriteStateAsync("order", NewGrainId(), new GrainState<LoanOrderState>(SampleStates.Order()), deadline.Token).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(350), TimeSpan.FromSeconds(3));
        Assert.Contains("caller's deadline", failed.Message, StringComparison.Ordinal);
        Assert.False(failed.NothingWritten);
    }

    [Fact]
    public async Task A_write_asked_for_after_the_deadline_is_not_sent()
    {
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            storage.WriteStateAsync("order", NewGrainId(), new GrainState<LoanOrderState>(SampleStates.Order()), new CancellationToken(canceled: true)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_read_stops_at_the_deadline()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            storage.ReadStateAsync("order", NewGrainId(), new GrainState<LoanOrderState>(), deadline.Token).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(350), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_write_whose_every_attempt_found_no_server_says_nothing_was_written()
    {
        using var quick = new MongoDbGrainStorage("orders", new MongoDbGrainStorageOptions
        {
            ConnectionString = "mongodb://127.0.0.1:1/",
            ServerSelectionTimeout = TimeSpan.FromMilliseconds(300),
            MaxAttempts = 2,
            RetryDelay = TimeSpan.FromMilliseconds(50),
        }, TimeProvider.System, NullLogger<MongoDbGrainStorage>.Instance);
        quick.Open();

        var failed = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            quick.WriteStateAsync("order", NewGrainId(), new GrainState<LoanOrderState>(SampleStates.Order())).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains("after 2 attempt(s)", failed.Message, StringComparison.Ordinal);
        Assert.True(failed.NothingWritten);
    }

    public void Dispose() => storage.Dispose();

    private static GrainId NewGrainId() => GrainId.Create("loanorder", Guid.NewGuid().ToString("N"));
}
