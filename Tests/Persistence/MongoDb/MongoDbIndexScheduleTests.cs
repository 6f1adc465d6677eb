using System.Net;
using Loans.Silo.Storage.MongoDb;
using Microsoft.Extensions.Time.Testing;
using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using MongoDB.Driver.Core.Connections;
using MongoDB.Driver.Core.Servers;

namespace Loans.Tests.Persistence.MongoDb;

/// <summary>
/// When a MongoDB storage ensures its indexes again, so that a database dropped or restored while the silo runs
/// gets them back (the idempotency keys' TTL index included): at first use, every IndexCheckInterval, and at once
/// after a failure that says the server was gone or the collection missing; never because of a conflict.
/// </summary>
public class MongoDbIndexScheduleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Indexes_are_due_before_they_were_ever_ensured()
    {
        Assert.True(new MongoDbIndexSchedule(Interval, clock).IsDue);
    }

    [Fact]
    public void Indexes_are_not_due_again_until_the_whole_interval_has_passed()
    {
        var schedule = Ensured();

        clock.Advance(Interval - TimeSpan.FromTicks(1));
        Assert.False(schedule.IsDue);

        clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(schedule.IsDue);
    }

    [Fact]
    public void The_interval_counts_from_when_the_successful_attempt_began()
    {
        var schedule = new MongoDbIndexSchedule(Interval, clock);
        var began = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromSeconds(30));
        schedule.Ensured(began);

        clock.Advance(Interval - TimeSpan.FromSeconds(30));

        Assert.True(schedule.IsDue);
    }

    public static TheoryData<string, Exception> ServerGone => new()
    {
        { "connection refused", new MongoConnectionException(Connection, "connection refused") },
        { "no server selected in time", new TimeoutException("A timeout occurred after 5000ms selecting a server") },
        { "primary stepped down", new MongoNotPrimaryException(Connection, new BsonDocument(), new BsonDocument("code", 10107)) },
        { "collection gone (ns not found)", Command(MongoDbIndexSchedule.NamespaceNotFound) },
        { "index not found", Command(MongoDbIndexSchedule.IndexNotFound) },
    };

    [Theory]
    [MemberData(nameof(ServerGone))]
    public void A_failure_that_says_the_server_was_gone_or_the_collection_missing_makes_them_due_at_once(string what, Exception failure)
    {
        var schedule = Ensured();

        schedule.Observe(failure);

        Assert.True(schedule.IsDue, what);
    }

    public static TheoryData<string, Exception> NothingAboutIndexes => new()
    {
        { "duplicate key", Command(11000) },
        { "document too large", Command(10334) },
        { "unauthorized", Command(13) },
        { "not a MongoDB failure", new InvalidOperationException("storage is not open") },
    };

    [Theory]
    [MemberData(nameof(NothingAboutIndexes))]
    public void A_failure_that_says_nothing_about_indexes_leaves_them_as_they_were(string what, Exception failure)
    {
        var schedule = Ensured();

        schedule.Observe(failure);

        Assert.False(schedule.IsDue, what);
    }

    [Fact]
    public void Once_ensured_again_after_a_failure_they_are_not_due_until_the_next_interval()
    {
        var schedule = Ensured();
        clock.Advance(TimeSpan.FromMinutes(1));
        schedule.Observe(new MongoConnectionException(Connection, "connection reset"));

        schedule.Ensured(clock.GetUtcNow());
        clock.Advance(Interval - TimeSpan.FromSeconds(1));

        Assert.False(schedule.IsDue);
    }

    private MongoDbIndexSchedule Ensured()
    {
        var schedule = new MongoDbIndexSchedule(Interval, clock);
        schedule.Ensured(clock.GetUtcNow());
        Assert.False(schedule.IsDue);
        return schedule;
    }

    private static ConnectionId Connection => new(new ServerId(new ClusterId(), new DnsEndPoint("mongo", 27017)));

    private static MongoCommandException Command(int code) =>
        new(Connection, $"command failed with code {code}", new BsonDocument("insert", "loan_orders"), new BsonDocument { { "ok", 0 }, { "code", code } });
}
