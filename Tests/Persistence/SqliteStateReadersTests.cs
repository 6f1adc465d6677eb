using Loans.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Loans.Tests.Persistence;

/// <summary>The pooled read connections see every commit of the writer and survive concurrent use.</summary>
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

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
