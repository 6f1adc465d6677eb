using System.ComponentModel.DataAnnotations;

namespace Loans.Silo.WarmUp;

/// <summary>Section <c>Silo</c>: how long a starting silo may spend warming up before it joins the cluster.</summary>
public sealed class WarmUpOptions : IValidatableObject
{
    public const string SectionName = "Silo";

    /// <summary>
    /// The most the warm-up may take (<see cref="SiloWarmUp"/>); past it the silo joins cold rather than later.
    /// <c>00:00:00</c> turns the warm-up off.
    /// </summary>
    public TimeSpan WarmUpTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WarmUpTimeout < TimeSpan.Zero || WarmUpTimeout > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult($"Must be between 00:00:00 (off) and 00:05:00; got {WarmUpTimeout}.", [nameof(WarmUpTimeout)]);
        }
    }
}
