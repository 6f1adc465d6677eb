namespace Loans.Silo.Storage.Sqlite;

/// <summary>
/// One group-committing writer per database file, shared by every storage that writes to that file: two
/// writers on one file would contend for SQLite's single write lock, which group commit exists to avoid.
/// </summary>
internal static class SqliteWriters
{
    private static readonly Dictionary<string, (SqliteGroupCommitWriter Writer, int Users)> Open = new(StringComparer.Ordinal);

    public static SqliteGroupCommitWriter Acquire(string path, Func<SqliteGroupCommitWriter> create)
    {
        lock (Open)
        {
            var (writer, users) = Open.TryGetValue(path, out var existing) ? existing : (create(), 0);
            Open[path] = (writer, users + 1);
            return writer;
        }
    }

    public static void Release(string path)
    {
        lock (Open)
        {
            if (!Open.TryGetValue(path, out var entry))
            {
                return;
            }

            if (entry.Users > 1)
            {
                Open[path] = (entry.Writer, entry.Users - 1);
                return;
            }

            Open.Remove(path);
            entry.Writer.Dispose();
        }
    }
}
