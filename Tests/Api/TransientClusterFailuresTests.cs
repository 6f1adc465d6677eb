using System.Runtime.CompilerServices;
using Loans.Api.Resilience;
using Loans.Grains.Interfaces;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;
using Polly.Timeout;

namespace Loans.Tests.Api;

/// <summary>
/// Which failures the API sends again: only those that say the cluster or its storage could not take the call just
/// now. What a grain decided (a conflict, a validation), cancellation (a grain's "the deadline has passed") and any
/// other fault are answered, not retried, wherever they sit in the chain of inner exceptions.
/// </summary>
public sealed class TransientClusterFailuresTests
{
    public static TheoryData<Exception> Transient => new()
    {
        new SiloUnavailableException(),
        // Orleans raises it itself (its constructors are not public): a message the runtime could not deliver.
        (OrleansMessageRejectionException)RuntimeHelpers.GetUninitializedObject(typeof(OrleansMessageRejectionException)),
        new ConnectionFailedException("the gateway closed the connection"),
        new GatewayTooBusyException(),
        new TimeoutException("no answer within the attempt timeout"),
        new TimeoutRejectedException(),
        new StorageUnavailableException("the SQLite file is locked"),
        new OrleansException("the grain directory is not stable while membership changes"),
    };

    public static TheoryData<Exception> Decided => new()
    {
        new InconsistentStateException("the order was stored by another activation"),
        new OperationCanceledException("the deadline passed before the write"),
        new ArgumentException("a grain refused the call"),
        new InvalidOperationException("a grain's own failure"),
        new GrainExtensionNotInstalledException("a subclass says something more specific than \"try again\""),
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public void A_cluster_or_storage_that_could_not_take_the_call_just_now_is_worth_another_attempt(Exception failure)
    {
        Assert.True(TransientClusterFailures.Is(failure));
        Assert.True(TransientClusterFailures.Is(new AggregateException("wrapped", failure)), "found as an inner exception too");
    }

    [Theory]
    [MemberData(nameof(Decided))]
    public void What_a_grain_decided_cancellation_and_other_faults_are_not_retried(Exception failure)
    {
        Assert.False(TransientClusterFailures.Is(failure));
        Assert.False(TransientClusterFailures.Is(new AggregateException("wrapped", failure)));
    }

    [Fact]
    public void A_conflict_wins_over_a_transient_failure_it_wraps()
    {
        // The grain decided: its write conflicted, whatever storage said on the way.
        var conflict = new InconsistentStateException("conflict", "stored etag", "current etag", new StorageUnavailableException("locked"));

        Assert.False(TransientClusterFailures.Is(conflict));
    }

    [Fact]
    public void The_runtimes_plain_orleans_exception_is_its_try_again()
    {
        // Also among the theory's cases; a fact of its own because Stryker's per-test coverage sometimes missed
        // this line when only the theory (whose cases cannot be serialized, so it runs as one test) reached it.
        Assert.True(TransientClusterFailures.Is(new OrleansException("forwarding failed")));
    }

    [Fact]
    public void No_failure_is_nothing_to_retry() => Assert.False(TransientClusterFailures.Is(null));
}
