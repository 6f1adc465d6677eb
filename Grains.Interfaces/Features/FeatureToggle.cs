namespace Loans.Grains.Interfaces.Features;

/// <summary>
/// A toggle's release state, and who changed it last and when (null for a toggle never changed).
/// <see cref="Revision"/> counts the changes ever stored (it survives restarts, so a restart is not a change) and
/// <see cref="PreviousState"/> is the state before the last change (null when the last change created the toggle):
/// together they let dashboards show every change.
/// </summary>
[GenerateSerializer, Immutable, Alias("Loans.FeatureToggle")]
public sealed record FeatureToggle(
    [property: Id(0)] string Name,
    [property: Id(1)] FeatureToggleMode Mode,
    [property: Id(2)] int Percentage,
    [property: Id(3)] DateTimeOffset? UpdatedAt,
    [property: Id(4)] string? UpdatedBy,
    [property: Id(5)] long Revision = 0,
    [property: Id(6)] string? PreviousState = null)
{
    /// <summary>A plain on/off toggle.</summary>
    public FeatureToggle(string name, bool enabled, DateTimeOffset? updatedAt, string? updatedBy)
        : this(name, enabled ? FeatureToggleMode.On : FeatureToggleMode.Off, enabled ? 100 : 0, updatedAt, updatedBy)
    {
    }

    /// <summary>On for everybody.</summary>
    public bool Enabled => Mode == FeatureToggleMode.On;

    /// <summary>The state in one word, as the audit trail and the console show it: OFF, ON, SHADOW or PERCENTAGE 10.</summary>
    public string Describe() => FeatureToggleChange.Describe(Mode, Percentage);

    /// <summary>Whether a change would leave the toggle as it is (the same mode, and the same percentage for PERCENTAGE).</summary>
    public bool SameStateAs(FeatureToggleChange change) => Describe() == FeatureToggleChange.Describe(change.Mode, change.Percentage);
}
