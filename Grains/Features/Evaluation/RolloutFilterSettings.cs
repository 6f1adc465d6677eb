namespace Loans.Grains.Features.Evaluation;

/// <summary>The parameters of the <see cref="RolloutFilter"/>: the share of customers, 0 to 100.</summary>
public sealed class RolloutFilterSettings
{
    public int Percentage { get; set; }
}
