namespace Loans.Grains.Interfaces.Features;

/// <summary>
/// A request to set a toggle's release state, with who asks and why, for the audit trail. The state replaces the
/// whole previous one: a change without a window leaves the toggle without one. <see cref="Description"/>
/// and <see cref="Owner"/> are stored when the change creates the toggle; later they change through a
/// <see cref="FeatureToggleEdit"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Loans.FeatureToggleChange")]
public sealed record FeatureToggleChange(
    [property: Id(0)] FeatureToggleMode Mode,
    [property: Id(1)] int Percentage,
    [property: Id(2)] string ChangedBy,
    [property: Id(3)] string? Reason = null,
    [property: Id(4)] string? Description = null,
    [property: Id(5)] string? Owner = null,
    // Ids from 20 on: the time window came from separate work, which kept clear of the numbers after 3.
    [property: Id(20)] DateTimeOffset? ActiveFrom = null,
    [property: Id(21)] DateTimeOffset? ActiveUntil = null)
{
    /// <summary>Switches a toggle fully on or off.</summary>
    public FeatureToggleChange(bool enabled, string changedBy, string? reason = null)
        : this(enabled ? FeatureToggleMode.On : FeatureToggleMode.Off, enabled ? 100 : 0, changedBy, reason)
    {
    }

    public bool Enabled => Mode == FeatureToggleMode.On;

    /// <summary>The state this change asks for, spelt as <see cref="FeatureToggle.Describe"/> spells a stored one.</summary>
    public string Describe() => Describe(Mode, Percentage, ActiveFrom, ActiveUntil);

    public static string Describe(FeatureToggleMode mode, int percentage) => mode switch
    {
        FeatureToggleMode.Percentage => $"PERCENTAGE {percentage}",
        _ => mode.ToString().ToUpperInvariant(),
    };

    /// <summary>An OFF toggle is off at any time, so its state never carries a window.</summary>
    public static string Describe(FeatureToggleMode mode, int percentage, DateTimeOffset? activeFrom, DateTimeOffset? activeUntil) =>
        Describe(mode, percentage) + (mode == FeatureToggleMode.Off ? "" : FeatureToggleWindow.Describe(activeFrom, activeUntil));
}
