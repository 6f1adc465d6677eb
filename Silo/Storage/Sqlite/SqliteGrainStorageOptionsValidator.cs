using System.Text.RegularExpressions;

namespace Loans.Silo.Storage.Sqlite;

internal sealed partial class SqliteGrainStorageOptionsValidator : IValidateOptions<SqliteGrainStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteGrainStorageOptions options)
    {
        var failures = new List<string>();
        var provider = $"SQLite grain storage '{name}'";
        if (string.IsNullOrWhiteSpace(options.DataSource))
        {
            failures.Add($"{provider}: {SqliteGrainStorageOptions.SectionName}:DataSource must name a database file.");
        }

        if (options.MaxBatchSize < 1)
        {
            failures.Add($"{provider}: {SqliteGrainStorageOptions.SectionName}:MaxBatchSize must be at least 1 (was {options.MaxBatchSize}).");
        }

        if (options.BusyTimeout < TimeSpan.Zero)
        {
            failures.Add($"{provider}: {SqliteGrainStorageOptions.SectionName}:BusyTimeout must not be negative.");
        }

        if (options.MemoryMapSize is < 0 or > 64L * 1024 * 1024 * 1024)
        {
            failures.Add($"{provider}: {SqliteGrainStorageOptions.SectionName}:MemoryMapSize must be between 0 (off) and 68719476736 bytes (was {options.MemoryMapSize}).");
        }

        // A lifted comparison (false for null), not a pattern variable: every mutant of the line must compile.
        if (options.ExpireAfter <= TimeSpan.Zero)
        {
            failures.Add($"{provider}: ExpireAfter must be positive (was {options.ExpireAfter}).");
        }

        if (options.ExpireAfter is not null && (options.ExpiryInterval < TimeSpan.FromSeconds(1) || options.ExpiryInterval > TimeSpan.FromDays(30)))
        {
            failures.Add($"{provider}: {SqliteGrainStorageOptions.SectionName}:ExpiryInterval must be between 00:00:01 and 30.00:00:00 (was {options.ExpiryInterval}).");
        }

        foreach (var column in options.ReadableColumns.Keys.Append(options.TableName ?? name ?? ""))
        {
            if (!Identifier().IsMatch(column))
            {
                failures.Add($"{provider}: '{column}' is not a valid SQLite table or column name (letters, digits and _).");
            }
        }

        foreach (var column in options.IndexedColumns.Where(c => !options.ReadableColumns.ContainsKey(c)))
        {
            failures.Add($"{provider}: indexed column '{column}' is not one of the readable columns.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex Identifier();
}
