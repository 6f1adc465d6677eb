namespace Loans.Grains.Features;

/// <summary>Where toggle values live; the source of truth behind the toggle grains' caches.</summary>
public interface IFeatureToggleStore
{
    /// <summary>The stored toggle, or null when it was never stored.</summary>
    Task<FeatureToggle?> Find(string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<FeatureToggle>> List(CancellationToken cancellationToken = default);

    /// <summary>The latest audit-trail entries of one toggle (or of all toggles when null), newest first.</summary>
    Task<IReadOnlyList<FeatureToggleChangeRecord>> History(string? name, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a new value with its audit record and the next revision, and returns the toggle as stored. A request
    /// for the state the toggle already has stores nothing and returns the toggle unchanged.
    /// </summary>
    Task<FeatureToggleSetResult> Save(string name, FeatureToggleChange change, CancellationToken cancellationToken = default);
}
