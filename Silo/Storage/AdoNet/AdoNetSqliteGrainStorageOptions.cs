using System.ComponentModel.DataAnnotations;

namespace Loans.Silo.Storage.AdoNet;

/// <summary>
/// Orleans' own ADO.NET grain storage (<c>Microsoft.Orleans.Persistence.AdoNet</c>) over a SQLite file, as its
/// documentation sets it up: Orleans' table and queries, one transaction per write, its default serializer. The
/// storage a user would otherwise pick; the benchmark runs the system on it beside our own. Section
/// <c>GrainStorage:AdoNetSqlite</c>, used when <c>GrainStorage:Provider</c> is <c>AdoNetSqlite</c>.
/// </summary>
public sealed class AdoNetSqliteGrainStorageOptions
{
    public const string SectionName = "GrainStorage:AdoNetSqlite";

    /// <summary>
    /// ADO.NET's name for SQLite in Orleans (<c>AdoNetInvariants.InvariantNameSqlLite</c>); Orleans loads
    /// Microsoft.Data.Sqlite's factory for it.
    /// </summary>
    public const string Invariant = "System.Data.SQLite";

    /// <summary>Path of the database file; relative paths are relative to the working directory.</summary>
    [Required]
    public string DataSource { get; set; } = "data/loans-adonet.db";
}
