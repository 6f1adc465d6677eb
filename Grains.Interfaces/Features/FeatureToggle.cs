namespace Loans.Grains.Interfaces.Features;

/// <summary>
/// A toggle's release state, and who changed it last and when (null for a toggle never changed).
/// <see cref="Revision"/> counts the changes ever stored (it survives restarts, so a restart is not a change) and
/// <see cref="PreviousState"/> is the state before the last change (null when the last change created the toggle):
/// together they let dashboards show every change. <see cref="ActiveFrom"/> and <see cref="ActiveUntil"/> bound the time
/// the mode applies (see <see cref="FeatureToggleWindow"/>); both null: always.
/// </summary>
[GenerateSerializer, Immutable, Alias("Loans.FeatureToggle")]
public sealed record FeatureToggle(
    [property: Id(0)] string Name,
    [property: Id(1)] FeatureToggleMode Mode,
    [property: Id(2)] int Percentage,
    [property: Id(3)] DateTimeOffset? UpdatedAt,
    [property: Id(4)] string? UpdatedBy,
    [property: Id(5)] long Revision = 0,
    [property: Id(6)] string? PreviousState = null,
    // Ids from 20 on: fields other work adds to this record take the numbers after 6.
    [property: Id(20)] DateTimeOffset? ActiveFrom = null,
    [property: Id(21)] DateTimeOffset? ActiveUntil = null)
{
    /// <summary>A plain on/off toggle.</summary>
    public FeatureToggle(string name, bool enabled, DateTimeOffset? updatedAt, string? updatedBy)
        : this(name, enabled ? FeatureToggleMode.On : FeatureToggleMode.Off, enabled ? 100 : 0, updatedAt, updatedBy)
    {
    }

    /// <summary>On for everybody (inside its time window, when it has one).</summary>
    public bool Enabled => Mode == FeatureToggleMode.On;

    /// <summary>
    /// The state in one word, as the audit trail and the console show it: OFF, ON, SHADOW or PERCENTAGE 10, followed by
    /// its time window when it has one (<c>ON from 2026-12-05T08:00:00Z until 2026-12-06T08:00:00Z</c>).
    /// </summary>
    public string Describe() => FeatureToggleChange.Describe(Mode, Percentage, ActiveFrom, ActiveUntil);

    /// <summary>Whether a change would leave the toggle as it is (the same mode, percentage for PERCENTAGE, and window).</summary>
    public bool SameStateAs(FeatureToggleChange change) => Describe() == change.Describe();
}
