using Loans.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Loans.Tests.Persistence;

/// <summary>
/// The pooled read connections see every commit of the writer and survive concurrent use; they stay open only
/// while the pool has room for them and it is open, and map the file into memory only when told to.
/// </summary>
public class SqliteStateReadersTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(64L * 1024 * 1024)]
    public async Task Pooled_readers_see_each_new_commit_and_never_a_torn_row(long memoryMapSize)
    {
        using var directory = new TemporaryDirectory("loans-readers");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory.Path, "r.db"), Pooling = false }.ToString();
        await using var writer = new SqliteConnection(connectionString);
        writer.Open();
        Execute(writer, "PRAGMA journal_mode = WAL; CREATE TABLE states (grain_id TEXT, state_name TEXT, etag INTEGER, document TEXT, PRIMARY KEY (grain_id, state_name)) WITHOUT ROWID;");
        using var readers = new SqliteStateReaders(connectionString, "states", memoryMapSize, capacity: 4);

        Assert.Null(readers.Read("g", "s"));
        for (var etag = 1; etag <= 50; etag++)
        {
            Execute(writer, $"INSERT OR REPLACE INTO states VALUES ('g', 's', {etag}, '{{\"v\":{etag}}}')");
            var seen = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => readers.Read("g", "s"))));
            Assert.All(seen, row => Assert.Equal((etag, $"{{\"v\":{etag}}}"), row));
        }
    }

    [Fact]
    public void One_reader_serves_reads_one_after_another_and_stays_open_for_the_next()
    {
        using var directory = new TemporaryDirectory("loans-readers");
        var path = Database(directory, "r.db");
        using var readers = new SqliteStateReaders(ConnectionString(path), "states", 0, capacity: 1);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal((7L, """{"v":7}"""), readers.Read("g", "s"));
        }

        Assert.Equal(1, OpenFiles.Descriptors(path));
    }

    [Fact]
    public void A_reader_returned_to_a_full_pool_is_closed()
    {
        using var directory = new TemporaryDirectory("loans-readers");
        var path = Database(directory, "r.db");
        using var readers = new SqliteStateReaders(ConnectionString(path), "states", 0, capacity: 0);

        Assert.Equal((7L, """{"v":7}"""), readers.Read("g", "s"));
        Assert.Null(readers.Read("other", "s"));

        Assert.Equal(0, OpenFiles.Descriptors(path));
    }

    [Fact]
    public void A_read_that_fails_closes_its_reader()
    {
        using var directory = new TemporaryDirectory("loans-readers");
        var path = Database(directory, "r.db");
        using var readers = new SqliteStateReaders(ConnectionString(path), "no_such_table", 0, capacity: 4);

        Assert.Throws<SqliteException>(() => readers.Read("g", "s"));

        Assert.Equal(0, OpenFiles.Descriptors(path));
    }

    [Fact]
    public void A_database_that_cannot_be_opened_fails_the_read_with_the_database_error()
    {
        using var directory = new TemporaryDirectory("loans-readers");
        var path = Path.Combine(directory.Path, "missing", "r.db");
        using var readers = new SqliteStateReaders(ConnectionString(path), "states", 0, capacity: 4);

        var failure = Assert.Throws<SqliteException>(() => readers.Read("g", "s"));

        Assert.Equal(14, failure.SqliteErrorCode); // SQLITE_CANTOPEN
        Assert.Equal(0, OpenFiles.Descriptors(path));
    }

    [Fact]
    public void Closing_the_pool_closes_its_idle_readers_and_any_reader_returned_after()
    {
        using var directory = new TemporaryDirectory("loans-readers");
        var path = Database(directory, "r.db");
        var readers = new SqliteStateReaders(ConnectionString(path), "states", 0, capacity: 4);
        readers.Read("g", "s");

        readers.Dispose();
        Assert.Equal(0, OpenFiles.Descriptors(path));

        // A read still in flight when the pool closes hands its reader back afterwards: it is closed, not kept.
        Assert.Equal((7L, """{"v":7}"""), readers.Read("g", "s"));
        Assert.Equal(0, OpenFiles.Descriptors(path));
    }

    [Theory]
    [InlineData(0L, false)]
    [InlineData(64L * 1024 * 1024, true)]
    public void Readers_read_the_file_through_a_memory_map_only_when_one_is_configured(long memoryMapSize, bool mapped)
    {
        using var directory = new TemporaryDirectory("loans-readers");
        var path = Database(directory, "r.db");
        using var readers = new SqliteStateReaders(ConnectionString(path), "states", memoryMapSize, capacity: 1);

        Assert.Equal((7L, """{"v":7}"""), readers.Read("g", "s"));

        Assert.Equal(mapped, OpenFiles.IsMapped(path));
    }

    /// <summary>A WAL database with one stored state, its setup connection closed.</summary>
    private static string Database(TemporaryDirectory directory, string name)
    {
        var path = directory.File(name);
        using var setup = new SqliteConnection(ConnectionString(path));
        setup.Open();
        Execute(setup, """PRAGMA journal_mode = WAL; CREATE TABLE states (grain_id TEXT, state_name TEXT, etag INTEGER, document TEXT, PRIMARY KEY (grain_id, state_name)) WITHOUT ROWID; INSERT INTO states VALUES ('g', 's', 7, '{"v":7}');""");
        return path;
    }

    private static string ConnectionString(string path) => new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
