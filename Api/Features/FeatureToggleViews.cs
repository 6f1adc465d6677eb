using Microsoft.Extensions.Options;

namespace Loans.Api.Features;

/// <summary>How the API and the console judge toggles they show. Section <c>FeatureToggles</c>.</summary>
public sealed class FeatureToggleViewOptions
{
    public const string SectionName = "FeatureToggles";

    /// <summary>
    /// A toggle no silo has evaluated for this long (counted from its creation when never evaluated) is marked stale:
    /// a release finished or abandoned, whose toggle is ready to be archived.
    /// </summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>Which toggles a list shows: <c>all</c> (not archived, the default), <c>active</c>, <c>stale</c> or <c>archived</c>.</summary>
public enum FeatureToggleFilter
{
    All,
    Active,
    Stale,
    Archived,
}

/// <summary>Stale marks and list filters, the same for the console and the JSON API.</summary>
public sealed class FeatureToggleViews(IOptions<FeatureToggleViewOptions> options, TimeProvider clock)
{
    public TimeSpan StaleAfter => options.Value.StaleAfter;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// Not archived, and not evaluated (or, never evaluated, not created) within <see cref="StaleAfter"/>. A toggle
    /// never stored (read as off) has no age and is not stale.
    /// </summary>
    public bool IsStale(FeatureToggle toggle) =>
        !toggle.Archived && (toggle.LastEvaluatedAt ?? toggle.CreatedAt ?? toggle.UpdatedAt) is { } since
        && clock.GetUtcNow() - since >= options.Value.StaleAfter;

    /// <summary>The toggles the filter shows whose name contains <paramref name="search"/> (any case), by name.</summary>
    public IReadOnlyList<FeatureToggle> Select(IEnumerable<FeatureToggle> toggles, FeatureToggleFilter filter, string? search) =>
        toggles
            .Where(t => string.IsNullOrWhiteSpace(search) || t.Name.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase))
            .Where(t => filter switch
            {
                FeatureToggleFilter.Archived => t.Archived,
                FeatureToggleFilter.Stale => IsStale(t),
                FeatureToggleFilter.Active => !t.Archived && !IsStale(t),
                _ => !t.Archived,
            })
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

    public static FeatureToggleFilter? ParseFilter(string? value) => value?.ToLowerInvariant() switch
    {
        null or "" or "all" => FeatureToggleFilter.All,
        "active" => FeatureToggleFilter.Active,
        "stale" => FeatureToggleFilter.Stale,
        "archived" => FeatureToggleFilter.Archived,
        _ => null,
    };
}

public static class FeatureToggleViewExtensions
{
    public static WebApplicationBuilder AddFeatureToggleViews(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeatureToggleViewOptions>()
            .Bind(builder.Configuration.GetSection(FeatureToggleViewOptions.SectionName))
            .Validate(o => o.StaleAfter >= TimeSpan.FromSeconds(1) && o.StaleAfter <= TimeSpan.FromDays(365),
                $"{FeatureToggleViewOptions.SectionName}:StaleAfter must be between 00:00:01 and 365.00:00:00, e.g. 7.00:00:00.")
            .ValidateOnStart();
        builder.Services.AddSingleton<FeatureToggleViews>();
        return builder;
    }
}
