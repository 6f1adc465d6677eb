using System.ComponentModel.DataAnnotations;
using Loans.Telemetry;

namespace Loans.Silo.Telemetry;

/// <summary>Tracing and metrics of the silo. Section <c>Telemetry</c>.</summary>
public sealed class SiloTelemetryOptions : SpanExportOptions
{
    /// <inheritdoc />
    [Required]
    public override string ServiceName { get; set; } = "loan-orders-silo";

    /// <summary>
    /// Where Prometheus scrapes the silo: scheme, host and port of a stand-alone HTTP listener serving
    /// <c>/metrics</c>. Host <c>+</c> or <c>*</c> listens on every interface and answers any host name; a named host
    /// (HttpListener's rule) answers only requests that name that host, so <c>http://localhost:9090/</c> gives
    /// 404 to a Prometheus that scrapes <c>127.0.0.1:9090</c>. Hence the default <c>+</c>.
    /// </summary>
    [Required]
    public string PrometheusListenerUrl { get; set; } = "http://+:9090/";

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in base.Validate(validationContext))
        {
            yield return result;
        }

        if (!PrometheusListener.TryParse(PrometheusListenerUrl, out _))
        {
            yield return new ValidationResult("Must be http://HOST:PORT/ with an explicit port, e.g. http://localhost:9090/ or http://+:9090/.", [nameof(PrometheusListenerUrl)]);
        }
    }
}
