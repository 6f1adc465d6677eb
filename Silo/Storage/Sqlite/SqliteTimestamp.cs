using System.Globalization;

namespace Loans.Silo.Storage.Sqlite;

/// <summary>
/// How <c>created_at</c> and <c>updated_at</c> are written: UTC, round-trip format, always the same width, so
/// comparing the text compares the times (what the expiry's <c>updated_at &lt; cutoff</c> relies on).
/// </summary>
internal static class SqliteTimestamp
{
    public static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
