namespace Loans.Api.Features;

/// <summary>
/// A toggle as the JSON API shows it. <c>enabled</c> is false for an archived toggle (it evaluates as off) while
/// <c>mode</c> and <c>percentage</c> keep what a restore brings back. <c>active_from</c>/<c>active_until</c> bound when
/// its mode applies (null: open).
/// </summary>
public sealed record FeatureToggleResponse(
    string Name, bool Enabled, FeatureToggleMode Mode, int Percentage, DateTimeOffset? UpdatedAt, string? UpdatedBy, long Revision,
    string? Description = null, string? Owner = null, DateTimeOffset? CreatedAt = null, DateTimeOffset? LastEvaluatedAt = null,
    bool Archived = false, bool Stale = false, DateTimeOffset? ActiveFrom = null, DateTimeOffset? ActiveUntil = null);

/// <summary>
/// The answer to a change: the toggle as it now is, and whether the request changed it. A request for the state the
/// toggle already has is not a change (<c>changed: false</c>): no audit record, no revision, no annotation.
/// </summary>
public sealed record SetFeatureToggleResponse(
    string Name, bool Enabled, FeatureToggleMode Mode, int Percentage, DateTimeOffset? UpdatedAt, string? UpdatedBy, long Revision, bool Changed,
    string? Description = null, string? Owner = null, DateTimeOffset? CreatedAt = null, bool Archived = false,
    DateTimeOffset? ActiveFrom = null, DateTimeOffset? ActiveUntil = null);

/// <summary>
/// Either <c>enabled</c> (on/off) or <c>mode</c> (OFF, ON, SHADOW, PERCENTAGE with <c>percentage</c>).
/// <c>description</c> and <c>owner</c> are stored when the request creates the toggle (PATCH changes them later).
/// Optionally a time window, <c>active_from</c> (inclusive) and/or <c>active_until</c> (exclusive), ISO 8601 with an
/// offset, kept to whole seconds: the mode applies only inside it (Microsoft.FeatureManagement's TimeWindow filter).
/// The request replaces the whole state, so a request without a window removes the one the toggle had.
/// </summary>
public sealed record SetFeatureToggleRequest(bool? Enabled, FeatureToggleMode? Mode, int? Percentage, string? Reason, string? Description = null, string? Owner = null,
    DateTimeOffset? ActiveFrom = null, DateTimeOffset? ActiveUntil = null);

/// <summary>Changes a toggle's description or owner (an empty text clears it), with a reason for the audit trail.</summary>
public sealed record EditFeatureToggleRequest(string? Description, string? Owner, string? Reason);

/// <summary>The reason for an archive or restore, kept in the audit trail.</summary>
public sealed record ArchiveFeatureToggleRequest(string? Reason);

public sealed record FeatureToggleChangeResponse(string Name, string? OldState, string NewState, DateTimeOffset ChangedAt, string ChangedBy, string? Reason);

/// <summary>Verifications per variant over the last <c>window_seconds</c>, counted by <c>silos</c> silos.</summary>
public sealed record FeatureToggleExposureResponse(string Name, int WindowSeconds, IReadOnlyDictionary<string, long> Variants, long Total, int Silos);

internal static class FeatureMapping
{
    public static FeatureToggleResponse ToResponse(this FeatureToggle t, FeatureToggleViews views) =>
        new(t.Name, t.Enabled && !t.Archived, t.Mode, t.Percentage, t.UpdatedAt, t.UpdatedBy, t.Revision,
            t.Description, t.Owner, t.CreatedAt, t.LastEvaluatedAt, t.Archived, views.IsStale(t), t.ActiveFrom, t.ActiveUntil);

    public static SetFeatureToggleResponse ToSetResponse(this FeatureToggleSetResult result) =>
        new(result.Toggle.Name, result.Toggle.Enabled && !result.Toggle.Archived, result.Toggle.Mode, result.Toggle.Percentage, result.Toggle.UpdatedAt,
            result.Toggle.UpdatedBy, result.Toggle.Revision, result.Changed, result.Toggle.Description, result.Toggle.Owner, result.Toggle.CreatedAt,
            result.Toggle.Archived, result.Toggle.ActiveFrom, result.Toggle.ActiveUntil);
}
