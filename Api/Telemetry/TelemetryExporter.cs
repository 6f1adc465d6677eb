namespace Loans.Api.Telemetry;

/// <summary>Where spans go. Setting <c>Telemetry:Exporter</c>.</summary>
public enum TelemetryExporter
{
    /// <summary>Zipkin's JSON v2 API, as the seed lesson uses.</summary>
    Zipkin,

    /// <summary>OTLP (gRPC), for collectors such as the OpenTelemetry Collector, Jaeger or Tempo.</summary>
    Otlp,

    /// <summary>Spans are not exported; metrics still are.</summary>
    None,
}
