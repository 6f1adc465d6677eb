namespace Loans.Grains.Features;

/// <summary>
/// What a change or an edit makes of a stored toggle, and how the audit trail spells the step: written once here so
/// that every <see cref="IFeatureToggleStore"/> stores the same thing.
/// </summary>
public static class FeatureToggleChanges
{
    /// <summary>
    /// The toggle after a release change; one not stored before is created with the change's description and owner.
    /// The change replaces the window too (kept to whole seconds); an OFF toggle is off at any time and keeps none.
    /// </summary>
    public static FeatureToggle Apply(string name, FeatureToggle? old, FeatureToggleChange change, DateTimeOffset now)
    {
        var off = change.Mode == FeatureToggleMode.Off;
        return (old ?? new FeatureToggle(name, FeatureToggleMode.Off, 0, null, null, Description: Text(change.Description), Owner: Text(change.Owner), CreatedAt: now)) with
        {
            Mode = change.Mode,
            Percentage = change.Mode == FeatureToggleMode.Percentage ? change.Percentage : change.Enabled ? 100 : 0,
            UpdatedAt = now,
            UpdatedBy = change.ChangedBy,
            Revision = (old?.Revision ?? 0) + 1,
            PreviousState = old?.Describe(),
            ActiveFrom = off ? null : FeatureToggleWindow.Normalize(change.ActiveFrom),
            ActiveUntil = off ? null : FeatureToggleWindow.Normalize(change.ActiveUntil),
        };
    }

    /// <summary>
    /// The toggle after an edit, or null when the edit leaves it as it is. An empty text clears a field; null leaves it.
    /// Only archiving or restoring changes what the toggle evaluates to, and so takes the next revision.
    /// </summary>
    public static FeatureToggle? Apply(FeatureToggle old, FeatureToggleEdit edit, DateTimeOffset now)
    {
        var edited = old with
        {
            Description = edit.Description is null ? old.Description : Text(edit.Description),
            Owner = edit.Owner is null ? old.Owner : Text(edit.Owner),
            Archived = edit.Archived ?? old.Archived,
        };
        if (edited == old)
        {
            return null;
        }

        var archiving = edited.Archived != old.Archived;
        return edited with
        {
            UpdatedAt = now,
            UpdatedBy = edit.ChangedBy,
            Revision = archiving ? old.Revision + 1 : old.Revision,
            PreviousState = archiving ? old.Describe() : old.PreviousState,
        };
    }

    /// <summary>
    /// The audit trail's old → new: the state for a release change or an archive/restore; for an edit of the
    /// description or owner, which leaves the state alone, the fields that changed.
    /// </summary>
    public static (string? Old, string New) AuditStates(FeatureToggle? old, FeatureToggle saved)
    {
        if (old is null || old.Describe() != saved.Describe())
        {
            return (old?.Describe(), saved.Describe());
        }

        var before = new List<string>();
        var after = new List<string>();
        if (old.Description != saved.Description)
        {
            before.Add($"description: {old.Description ?? "(none)"}");
            after.Add($"description: {saved.Description ?? "(none)"}");
        }

        if (old.Owner != saved.Owner)
        {
            before.Add($"owner: {old.Owner ?? "(none)"}");
            after.Add($"owner: {saved.Owner ?? "(none)"}");
        }

        return (string.Join("; ", before), string.Join("; ", after));
    }

    private static string? Text(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
