using System.ComponentModel.DataAnnotations;

namespace Loans.Api.Telemetry;

/// <summary>Tracing and metrics of the API. Section <c>Telemetry</c>; metrics are served at <c>/metrics</c>.</summary>
public sealed class ApiTelemetryOptions : IValidatableObject
{
    public const string SectionName = "Telemetry";

    /// <summary>The service name spans and metrics carry (Zipkin's service, Prometheus' target_info).</summary>
    [Required]
    public string ServiceName { get; set; } = "loan-orders-api";

    public TelemetryExporter Exporter { get; set; } = TelemetryExporter.Zipkin;

    /// <summary>Zipkin's span intake (JSON v2).</summary>
    public Uri ZipkinEndpoint { get; set; } = new("http://localhost:9411/api/v2/spans");

    /// <summary>An OTLP gRPC endpoint, used when <see cref="Exporter"/> is Otlp.</summary>
    public Uri OtlpEndpoint { get; set; } = new("http://localhost:4317");

    /// <summary>How long spans wait in the bounded in-memory queue before a batch is sent.</summary>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The share of incoming requests that start a trace, 0 to 1. Each traced request costs the API and the
    /// silo spans, propagation and export; shipped settings trace 10 %, Development traces every request.
    /// </summary>
    public double TraceSampleRatio { get; set; } = 1.0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ZipkinEndpoint.IsAbsoluteUri || ZipkinEndpoint.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("Must be an absolute http(s) URL, e.g. http://localhost:9411/api/v2/spans.", [nameof(ZipkinEndpoint)]);
        }

        if (!OtlpEndpoint.IsAbsoluteUri || OtlpEndpoint.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("Must be an absolute http(s) URL, e.g. http://localhost:4317.", [nameof(OtlpEndpoint)]);
        }

        if (double.IsNaN(TraceSampleRatio) || TraceSampleRatio is < 0 or > 1)
        {
            yield return new ValidationResult("Must be between 0 and 1, e.g. 0.1 to trace one request in ten.", [nameof(TraceSampleRatio)]);
        }

        if (ExportInterval < TimeSpan.FromMilliseconds(10) || ExportInterval > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("Must be between 00:00:00.010 and 00:05:00.", [nameof(ExportInterval)]);
        }
    }
}
