using Loans.Silo.Storage.MongoDb;

namespace Loans.Tests.Persistence.MongoDb;

/// <summary>A wrong MongoDB setting is reported at start-up with the key to fix.</summary>
public class MongoDbGrainStorageOptionsTests
{
    private readonly MongoDbGrainStorageOptionsValidator validator = new();

    [Fact]
    public void The_shipped_defaults_with_a_connection_string_are_valid()
    {
        var result = validator.Validate("orders", new MongoDbGrainStorageOptions { ConnectionString = "mongodb://mongo:27017" });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("", "GrainStorage:MongoDb:ConnectionString")]
    [InlineData("http://mongo:27017", "GrainStorage:MongoDb:ConnectionString")]
    public void A_missing_or_malformed_connection_string_is_named(string connectionString, string named)
    {
        var result = validator.Validate("orders", new MongoDbGrainStorageOptions { ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_invalid_setting_is_named()
    {
        var result = validator.Validate("orders", new MongoDbGrainStorageOptions
        {
            ConnectionString = "mongodb://mongo:27017",
            Database = "my.db",
            CollectionPrefix = "$",
            MaxAttempts = 0,
            RetryDelay = TimeSpan.FromSeconds(-1),
            ServerSelectionTimeout = TimeSpan.Zero,
            IndexedFields = ["$where"],
        });

        foreach (var setting in new[] { "GrainStorage:MongoDb:Database", "GrainStorage:MongoDb:CollectionPrefix", "GrainStorage:MongoDb:MaxAttempts", "GrainStorage:MongoDb:RetryDelay", "GrainStorage:MongoDb:ServerSelectionTimeout", "'$where'" })
        {
            Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.5)]
    [InlineData(-60)]
    public void An_expiry_a_ttl_index_cannot_hold_is_refused(double seconds)
    {
        var result = validator.Validate("idempotency", new MongoDbGrainStorageOptions { ConnectionString = "mongodb://mongo:27017", ExpireAfter = TimeSpan.FromSeconds(seconds) });

        Assert.True(result.Failed);
        Assert.Contains("ExpireAfter", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Collections_are_named_by_prefix_and_storage()
    {
        Assert.Equal("test_loan_orders", new MongoDbGrainStorageOptions { CollectionPrefix = "test_", Collection = "loan_orders" }.CollectionName("orders"));
        Assert.Equal("orders", new MongoDbGrainStorageOptions().CollectionName("orders"));
    }

    [Theory]
    [InlineData("-00:00:01", false)]
    [InlineData("00:00:00", true)]
    [InlineData("00:30:00", true)]
    [InlineData("00:30:01", false)]
    public void The_startup_timeout_is_zero_for_do_not_wait_up_to_thirty_minutes(string timeout, bool valid)
    {
        var result = validator.Validate("orders", new MongoDbGrainStorageOptions { ConnectionString = "mongodb://mongo:27017", StartupTimeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("GrainStorage:MongoDb:StartupTimeout", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("00:00:00.999", false)]
    [InlineData("00:00:01", true)]
    [InlineData("1.00:00:00", true)]
    [InlineData("1.00:00:01", false)]
    public void The_index_check_interval_is_one_second_to_one_day(string interval, bool valid)
    {
        var result = validator.Validate("orders", new MongoDbGrainStorageOptions { ConnectionString = "mongodb://mongo:27017", IndexCheckInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("GrainStorage:MongoDb:IndexCheckInterval", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
