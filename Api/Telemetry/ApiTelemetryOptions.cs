using System.ComponentModel.DataAnnotations;
using Loans.Telemetry;

namespace Loans.Api.Telemetry;

/// <summary>Tracing and metrics of the API. Section <c>Telemetry</c>; metrics are served at <c>/metrics</c>.</summary>
public sealed class ApiTelemetryOptions : SpanExportOptions
{
    /// <inheritdoc />
    [Required]
    public override string ServiceName { get; set; } = "loan-orders-api";
}
