namespace Loans.Silo.Storage;

/// <summary>Section <c>GrainStorage</c>.</summary>
public sealed class GrainStorageOptions
{
    public const string SectionName = "GrainStorage";

    public GrainStorageProvider Provider { get; set; } = GrainStorageProvider.Sqlite;
}
