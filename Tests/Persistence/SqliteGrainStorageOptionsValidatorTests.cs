using Loans.Silo.Storage.Sqlite;

namespace Loans.Tests.Persistence;

/// <summary>
/// Each SQLite storage setting at the edges of what it accepts, and the message an operator gets for each
/// mistake: the provider's name, the setting's key and the value that was wrong.
/// </summary>
public class SqliteGrainStorageOptionsValidatorTests
{
    private const string Provider = "SQLite grain storage 'orders'";

    private static string[] FailuresOf(SqliteGrainStorageOptions options, string? name = "orders")
    {
        var result = new SqliteGrainStorageOptionsValidator().Validate(name, options);
        Assert.Equal(result.Failed, result.Failures is not null);
        Assert.NotEqual(result.Failed, result.Succeeded);
        Assert.Equal(result.Failed, result.Failures?.Any() ?? false);
        return result.Failed ? [.. result.Failures!] : [];
    }

    private static SqliteGrainStorageOptions Valid() => new() { DataSource = "data/loans.db" };

    [Fact]
    public void The_shipped_defaults_are_valid() =>
        Assert.Empty(FailuresOf(new SqliteGrainStorageOptions()));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_data_source_must_name_a_file(string dataSource) =>
        Assert.Equal([$"{Provider}: GrainStorage:Sqlite:DataSource must name a database file."], FailuresOf(new() { DataSource = dataSource }));

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void A_batch_holds_at_least_one_write(int maxBatchSize, bool valid) =>
        Assert.Equal(
            Expected(valid, $"{Provider}: GrainStorage:Sqlite:MaxBatchSize must be at least 1 (was {maxBatchSize})."),
            FailuresOf(new() { MaxBatchSize = maxBatchSize }));

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    public void The_busy_timeout_may_be_zero_but_not_negative(long ticks, bool valid) =>
        Assert.Equal(
            Expected(valid, $"{Provider}: GrainStorage:Sqlite:BusyTimeout must not be negative."),
            FailuresOf(new() { BusyTimeout = TimeSpan.FromTicks(ticks) }));

    [Theory]
    [InlineData(-1L, false)]
    [InlineData(0L, true)]
    [InlineData(68_719_476_736L, true)]
    [InlineData(68_719_476_737L, false)]
    public void The_memory_map_is_off_or_at_most_64_GiB(long bytes, bool valid) =>
        Assert.Equal(
            Expected(valid, $"{Provider}: GrainStorage:Sqlite:MemoryMapSize must be between 0 (off) and 68719476736 bytes (was {bytes})."),
            FailuresOf(new() { MemoryMapSize = bytes }));

    [Theory]
    [InlineData(0L, false)]
    [InlineData(-10_000_000L, false)]
    [InlineData(1L, true)]
    public void An_expiry_must_be_positive(long ticks, bool valid)
    {
        var expireAfter = TimeSpan.FromTicks(ticks);

        Assert.Equal(
            Expected(valid, $"{Provider}: ExpireAfter must be positive (was {expireAfter})."),
            FailuresOf(new() { ExpireAfter = expireAfter }));
    }

    [Theory]
    [InlineData("00:00:00.999", false)]
    [InlineData("00:00:01", true)]
    [InlineData("30.00:00:00", true)]
    [InlineData("30.00:00:00.001", false)]
    public void With_an_expiry_it_is_looked_for_every_second_to_every_30_days(string interval, bool valid)
    {
        var every = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(
            Expected(valid, $"{Provider}: GrainStorage:Sqlite:ExpiryInterval must be between 00:00:01 and 30.00:00:00 (was {every})."),
            FailuresOf(new() { ExpireAfter = TimeSpan.FromHours(1), ExpiryInterval = every }));
    }

    [Fact]
    public void Without_an_expiry_the_interval_is_not_checked() =>
        Assert.Empty(FailuresOf(new() { ExpiryInterval = TimeSpan.Zero }));

    [Theory]
    [InlineData("order_id", true)]
    [InlineData("_x9", true)]
    [InlineData("9lives", false)]
    [InlineData("order-id", false)]
    [InlineData("status; DROP TABLE orders", false)]
    [InlineData("", false)]
    public void Readable_columns_are_plain_identifiers(string column, bool valid) =>
        Assert.Equal(
            Expected(valid, $"{Provider}: '{column}' is not a valid SQLite table or column name (letters, digits and _)."),
            FailuresOf(new() { ReadableColumns = new() { [column] = "$.order.id" } }));

    [Fact]
    public void The_table_defaults_to_the_provider_name_and_both_must_be_identifiers()
    {
        Assert.Empty(FailuresOf(Valid(), name: "orders"));
        Assert.Equal(["SQLite grain storage 'my-orders': 'my-orders' is not a valid SQLite table or column name (letters, digits and _)."], FailuresOf(Valid(), name: "my-orders"));
        Assert.Empty(FailuresOf(new() { TableName = "orders_v2" }, name: "my-orders"));
        Assert.Equal([$"{Provider}: 'orders v2' is not a valid SQLite table or column name (letters, digits and _)."], FailuresOf(new() { TableName = "orders v2" }));
        Assert.Equal(["SQLite grain storage '': '' is not a valid SQLite table or column name (letters, digits and _)."], FailuresOf(Valid(), name: null));
    }

    [Fact]
    public void Column_names_are_checked_before_the_table_name()
    {
        var options = new SqliteGrainStorageOptions { TableName = "orders v2", ReadableColumns = new() { ["order-id"] = "$.order.id" } };

        Assert.Equal(
            [
                $"{Provider}: 'order-id' is not a valid SQLite table or column name (letters, digits and _).",
                $"{Provider}: 'orders v2' is not a valid SQLite table or column name (letters, digits and _).",
            ],
            FailuresOf(options));
    }

    [Fact]
    public void Only_readable_columns_can_be_indexed()
    {
        var options = new SqliteGrainStorageOptions { ReadableColumns = new() { ["status"] = "$.order.status" }, IndexedColumns = ["status", "amount"] };

        Assert.Equal([$"{Provider}: indexed column 'amount' is not one of the readable columns."], FailuresOf(options));
    }

    [Fact]
    public void Every_mistake_is_reported_at_once()
    {
        var options = new SqliteGrainStorageOptions { DataSource = "", MaxBatchSize = 0, BusyTimeout = TimeSpan.FromSeconds(-1) };

        Assert.Equal(3, FailuresOf(options).Length);
    }

    private static string[] Expected(bool valid, string failure) => valid ? [] : [failure];
}
