namespace Loans.Grains.Features;

public static class FeatureToggleEvaluation
{
    /// <summary>
    /// Decides the toggle for one customer; the same customer always gets the same decision. An archived toggle
    /// is off for everybody, whatever mode it keeps for a restore.
    /// </summary>
    public static FeatureDecision For(this FeatureToggle toggle, Guid customer) => toggle.Archived ? FeatureDecision.Inactive : toggle.Mode switch
    {
        FeatureToggleMode.On => new FeatureDecision(Active: true, Shadow: false),
        FeatureToggleMode.Shadow => new FeatureDecision(Active: false, Shadow: true),
        FeatureToggleMode.Percentage => new FeatureDecision(RolloutBucket.IsIn(toggle.Name, customer, toggle.Percentage), Shadow: false),
        _ => FeatureDecision.Inactive,
    };
}
