namespace Loans.Grains.Interfaces.Features;

/// <summary>A toggle's release state, and who changed it last and when (null for a toggle never changed).</summary>
[GenerateSerializer, Immutable, Alias("Loans.FeatureToggle")]
public sealed record FeatureToggle(
    [property: Id(0)] string Name,
    [property: Id(1)] FeatureToggleMode Mode,
    [property: Id(2)] int Percentage,
    [property: Id(3)] DateTimeOffset? UpdatedAt,
    [property: Id(4)] string? UpdatedBy)
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
}
