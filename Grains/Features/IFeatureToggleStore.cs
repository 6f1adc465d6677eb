namespace Loans.Grains.Features;

/// <summary>Where toggle values live; the source of truth behind the toggle grains' caches.</summary>
public interface IFeatureToggleStore
{
    /// <summary>The stored toggle, or null when it was never stored.</summary>
    Task<FeatureToggle?> Find(string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<FeatureToggle>> List(CancellationToken cancellationToken = default);

    /// <summary>
    /// Audit-trail entries of one toggle (or of all toggles when null), newest first: <paramref name="skip"/> newer
    /// entries are left out, then at most <paramref name="limit"/> are returned.
    /// </summary>
    Task<IReadOnlyList<FeatureToggleChangeRecord>> History(string? name, int limit, int skip = 0, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a new value with its audit record and the next revision, and returns the toggle as stored. A request
    /// for the state the toggle already has, or for an archived toggle, stores nothing and returns the toggle unchanged
    /// (<see cref="FeatureToggleSetResult.Changed"/> false; only a restore releases an archived toggle). A change that creates
    /// the toggle also stores its creation time and the change's description and owner.
    /// </summary>
    Task<FeatureToggleSetResult> Save(string name, FeatureToggleChange change, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies the edit's non-null fields with one audit record, atomically, and returns the toggle as stored; null
    /// when the toggle was never stored. Archiving or restoring changes what the toggle evaluates to, so it takes
    /// the next revision (old state → ARCHIVED, ARCHIVED → the mode kept); a description or owner change does not.
    /// An edit that would leave everything as it is stores nothing (<see cref="FeatureToggleSetResult.Changed"/> false).
    /// </summary>
    Task<FeatureToggleSetResult?> Edit(string name, FeatureToggleEdit edit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves each toggle's last-evaluated time forward to the time given (never back: silos report in any order).
    /// Not a change: no audit record, no revision. Unknown toggles are ignored.
    /// </summary>
    Task RecordEvaluations(IReadOnlyDictionary<string, DateTimeOffset> lastEvaluated, CancellationToken cancellationToken = default);
}
