namespace Loans.Grains.Interfaces.Features;

/// <summary>
/// A toggle's release state, and who changed it last and when (null for a toggle never changed).
/// <see cref="Revision"/> counts the changes ever stored (it survives restarts, so a restart is not a change) and
/// <see cref="PreviousState"/> is the state before the last change (null when the last change created the toggle):
/// together they let dashboards show every change. <see cref="ActiveFrom"/> and <see cref="ActiveUntil"/> bound the time
/// the mode applies (see <see cref="FeatureToggleWindow"/>); both null: always.
/// <see cref="Description"/>, <see cref="Owner"/> and <see cref="CreatedAt"/> say what the toggle is for, who answers
/// for it and since when; <see cref="LastEvaluatedAt"/> is the last time a silo evaluated it (reported by the silos
/// in batches, so it lags by up to <c>FeatureToggles:EvaluationReportInterval</c>). An <see cref="Archived"/> toggle
/// evaluates as off whatever its mode and window, which it keeps so that a restore brings it back as it was.
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
    [property: Id(7)] string? Description = null,
    [property: Id(8)] string? Owner = null,
    [property: Id(9)] DateTimeOffset? CreatedAt = null,
    [property: Id(10)] bool Archived = false,
    [property: Id(11)] DateTimeOffset? LastEvaluatedAt = null,
    // Ids from 20 on: the time window came from separate work, which kept clear of the numbers after 6.
    [property: Id(20)] DateTimeOffset? ActiveFrom = null,
    [property: Id(21)] DateTimeOffset? ActiveUntil = null)
{
    /// <summary>The state word of an archived toggle in the audit trail and the gauges.</summary>
    public const string ArchivedState = "ARCHIVED";

    /// <summary>A plain on/off toggle.</summary>
    public FeatureToggle(string name, bool enabled, DateTimeOffset? updatedAt, string? updatedBy)
        : this(name, enabled ? FeatureToggleMode.On : FeatureToggleMode.Off, enabled ? 100 : 0, updatedAt, updatedBy)
    {
    }

    /// <summary>On for everybody (inside its time window, when it has one).</summary>
    public bool Enabled => Mode == FeatureToggleMode.On;

    /// <summary>
    /// The state in one word, as the audit trail and the console show it: OFF, ON, SHADOW or PERCENTAGE 10, followed by
    /// its time window when it has one (<c>ON from 2026-12-05T08:00:00Z until 2026-12-06T08:00:00Z</c>), or ARCHIVED.
    /// </summary>
    public string Describe() => Archived ? ArchivedState : DescribeMode();

    /// <summary>The mode and window whether archived or not: what a restore brings back.</summary>
    public string DescribeMode() => FeatureToggleChange.Describe(Mode, Percentage, ActiveFrom, ActiveUntil);

    /// <summary>Whether a change would leave the toggle as it is (the same mode, percentage for PERCENTAGE, and window).</summary>
    public bool SameStateAs(FeatureToggleChange change) => Describe() == change.Describe();

    /// <summary>The same toggle apart from when it was last evaluated, which is not a change of its state.</summary>
    public bool SameAs(FeatureToggle other) => this with { LastEvaluatedAt = null } == other with { LastEvaluatedAt = null };
}
