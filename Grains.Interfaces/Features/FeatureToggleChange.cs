namespace Loans.Grains.Interfaces.Features;

/// <summary>
/// A request to set a toggle's release state, with who asks and why, for the audit trail. <see cref="Description"/>
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
    [property: Id(5)] string? Owner = null)
{
    /// <summary>Switches a toggle fully on or off.</summary>
    public FeatureToggleChange(bool enabled, string changedBy, string? reason = null)
        : this(enabled ? FeatureToggleMode.On : FeatureToggleMode.Off, enabled ? 100 : 0, changedBy, reason)
    {
    }

    public bool Enabled => Mode == FeatureToggleMode.On;

    public static string Describe(FeatureToggleMode mode, int percentage) => mode switch
    {
        FeatureToggleMode.Percentage => $"PERCENTAGE {percentage}",
        _ => mode.ToString().ToUpperInvariant(),
    };
}
