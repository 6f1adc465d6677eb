using System.Globalization;

namespace Loans.Grains.Interfaces.Features;

/// <summary>
/// The optional time window of a toggle: its mode applies from <c>ActiveFrom</c> (inclusive) until
/// <c>ActiveUntil</c> (exclusive), and outside it the toggle is off. Evaluated by Microsoft.FeatureManagement's
/// <c>Microsoft.TimeWindow</c> filter. Kept to whole seconds in UTC, so the stored text, the audit trail and the
/// value read back are the same instant.
/// </summary>
public static class FeatureToggleWindow
{
    /// <summary>How a window bound is written in a toggle's state and stored as text: <c>2026-12-05T08:00:00Z</c>.</summary>
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>The bound in UTC, cut to whole seconds (the precision the state text carries).</summary>
    public static DateTimeOffset? Normalize(DateTimeOffset? bound) =>
        bound is { } value ? new DateTimeOffset(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero) : null;

    public static string Text(DateTimeOffset bound) => Normalize(bound)!.Value.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The window as it follows the mode in a state: <c> from X until Y</c>, either part left out when open.</summary>
    public static string Describe(DateTimeOffset? from, DateTimeOffset? until) =>
        (from is { } start ? $" from {Text(start)}" : "") + (until is { } end ? $" until {Text(end)}" : "");
}
