namespace Loans.Silo.Storage.Sqlite;

/// <summary>SQLite's <c>PRAGMA synchronous</c> in WAL mode.</summary>
public enum SqliteSynchronousMode
{
    /// <summary>Every commit is flushed to disk: an acknowledged write survives power loss.</summary>
    Full,

    /// <summary>Commits survive a crash of the process but the last ones may be lost on power loss.</summary>
    Normal,
}
