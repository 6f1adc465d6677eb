using Loans.Api.Resilience;
using Loans.Grains.Interfaces;

namespace Loans.Tests.Api;

/// <summary>
/// Whether a failed write may still have been stored, which decides between "not stored, send it again" and
/// "outcome unknown" in the API's answer: only an answer that says nothing was written keeps it false.
/// </summary>
public sealed class WriteAttemptsTests
{
    [Fact]
    public void No_failed_attempt_means_nothing_may_have_been_written() => Assert.False(new WriteAttempts().MayHaveWritten);

    [Theory]
    [MemberData(nameof(NothingWrittenAnswers))]
    public void An_answer_that_says_nothing_was_written_keeps_the_write_unstored(Exception answer)
    {
        var attempts = new WriteAttempts();

        attempts.Failed(answer, abandoned: false);

        Assert.False(attempts.MayHaveWritten);
    }

    [Theory]
    [MemberData(nameof(NothingWrittenAnswers))]
    public void An_attempt_the_API_stopped_waiting_for_may_have_been_written_whatever_came_back(Exception answer)
    {
        var attempts = new WriteAttempts();

        attempts.Failed(answer, abandoned: true);

        Assert.True(attempts.MayHaveWritten);
    }

    [Theory]
    [MemberData(nameof(OutcomeUnknownAnswers))]
    public void An_answer_lost_on_the_way_may_have_been_written(Exception answer)
    {
        var attempts = new WriteAttempts();

        attempts.Failed(answer, abandoned: false);

        Assert.True(attempts.MayHaveWritten);
    }

    [Fact]
    public void Once_an_attempt_may_have_written_a_later_clean_refusal_does_not_take_it_back()
    {
        var attempts = new WriteAttempts();

        attempts.Failed(new TimeoutException(), abandoned: true);
        attempts.Failed(new OperationCanceledException(), abandoned: false);

        Assert.True(attempts.MayHaveWritten);
    }

    public static TheoryData<Exception> NothingWrittenAnswers => new()
    {
        new OperationCanceledException("the deadline passed before the write started"),
        new StorageUnavailableException("the SQLite write rolled back") { NothingWritten = true },
    };

    public static TheoryData<Exception> OutcomeUnknownAnswers => new()
    {
        new StorageUnavailableException("the MongoDB write's answer was lost"),
        new Orleans.Runtime.SiloUnavailableException(),
        new TimeoutException(),
    };
}
