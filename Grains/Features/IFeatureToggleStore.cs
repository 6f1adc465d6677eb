namespace Loans.Grains.Features;

/// <summary>Where toggle values live; the source of truth behind the toggle grains' caches.</summary>
public interface IFeatureToggleStore
{
    /// <summary>The stored toggle, or null when it was never stored.</summary>
    Task<FeatureToggle?> Find(string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<FeatureToggle>> List(CancellationToken cancellationToken = default);

    /// <summary>The latest audit-trail entries of one toggle (or of all toggles when null), newest first.</summary>
    Task<IReadOnlyList<FeatureToggleChangeRecord>> History(string? name, int limit, CancellationToken cancellationToken = default);

    /// <summary>Stores a new value and returns the toggle as stored.</summary>
    Task<FeatureToggle> Save(string name, FeatureToggleChange change, CancellationToken cancellationToken = default);
}
