using System.ComponentModel.DataAnnotations;
using Loans.Telemetry;

namespace Loans.Api.Telemetry;

/// <summary>Tracing and metrics of the API. Section <c>Telemetry</c>; metrics are served at <c>/metrics</c>.</summary>
public sealed class ApiTelemetryOptions : SpanExportOptions
{
    /// <inheritdoc />
    [Required]
    public override string ServiceName { get; set; } = "loan-orders-api";

    /// <summary>
    /// The share of incoming requests that start a trace, 0 to 1. Each traced request costs the API and the
    /// silo spans, propagation and export; shipped settings trace 10 %, Development traces every request.
    /// </summary>
    public double TraceSampleRatio { get; set; } = 1.0;

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in base.Validate(validationContext))
        {
            yield return result;
        }

        if (double.IsNaN(TraceSampleRatio) || TraceSampleRatio is < 0 or > 1)
        {
            yield return new ValidationResult("Must be between 0 and 1, e.g. 0.1 to trace one request in ten.", [nameof(TraceSampleRatio)]);
        }
    }
}
