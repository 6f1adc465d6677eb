using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace Loans.Telemetry;

// Shared by the silo and the API (the silo references the API project): both export spans the same way,
// from the same settings in section Telemetry.

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

/// <summary>The settings of section <c>Telemetry</c> that the silo and the API share.</summary>
public abstract class SpanExportOptions : IValidatableObject
{
    public const string SectionName = "Telemetry";

    /// <summary>The service name spans and metrics carry (Zipkin's service, Prometheus' target_info).</summary>
    [Required]
    public abstract string ServiceName { get; set; }

    public TelemetryExporter Exporter { get; set; } = TelemetryExporter.Zipkin;

    /// <summary>Zipkin's span intake (JSON v2).</summary>
    public Uri ZipkinEndpoint { get; set; } = new("http://localhost:9411/api/v2/spans");

    /// <summary>An OTLP gRPC endpoint, used when <see cref="Exporter"/> is Otlp.</summary>
    public Uri OtlpEndpoint { get; set; } = new("http://localhost:4317");

    /// <summary>How long spans wait in the bounded in-memory queue before a batch is sent.</summary>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The share of incoming HTTP requests that start a trace, 0 to 1: read by the API, and by a silo that hosts
    /// the API (<c>Silo:HostApi</c>). Each traced request costs spans, propagation and export; shipped settings
    /// trace 10 %, Development traces every request.
    /// </summary>
    public double TraceSampleRatio { get; set; } = 0.1;

    public virtual IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ZipkinEndpoint.IsAbsoluteUri || ZipkinEndpoint.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("Must be an absolute http(s) URL, e.g. http://localhost:9411/api/v2/spans.", [nameof(ZipkinEndpoint)]);
        }

        if (!OtlpEndpoint.IsAbsoluteUri || OtlpEndpoint.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("Must be an absolute http(s) URL, e.g. http://localhost:4317.", [nameof(OtlpEndpoint)]);
        }

        if (ExportInterval < TimeSpan.FromMilliseconds(10) || ExportInterval > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("Must be between 00:00:00.010 and 00:05:00.", [nameof(ExportInterval)]);
        }

        if (double.IsNaN(TraceSampleRatio) || TraceSampleRatio is < 0 or > 1)
        {
            yield return new ValidationResult("Must be between 0 and 1, e.g. 0.1 to trace one request in ten.", [nameof(TraceSampleRatio)]);
        }
    }
}

public static class SpanExport
{
    /// <summary>
    /// Sends finished spans in batches to the exporter the options name (none for <c>None</c>); each batch's
    /// outcome is counted in <see cref="SpanExportTelemetry"/>, so spans lost on the way can be alerted on.
    /// </summary>
    public static TracerProviderBuilder AddLoansSpanExporter(this TracerProviderBuilder tracing, SpanExportOptions options)
    {
        BaseExporter<Activity>? exporter = options.Exporter switch
        {
            // Upstream deprecated the Zipkin exporter in favour of OTLP (1.20). The lesson is built on
            // Zipkin, so it stays the default; Telemetry:Exporter=Otlp is the way forward.
#pragma warning disable CS0618
            TelemetryExporter.Zipkin => new CountedZipkinExporter(
                new ZipkinExporterOptions { Endpoint = options.ZipkinEndpoint },
                new HttpClient { Timeout = TimeSpan.FromSeconds(10) }),
#pragma warning restore CS0618
            TelemetryExporter.Otlp => new CountedOtlpTraceExporter(new OtlpExporterOptions { Endpoint = options.OtlpEndpoint }),
            _ => null,
        };
        if (exporter is not null)
        {
            var defaults = new BatchExportActivityProcessorOptions();
            tracing.AddProcessor(new BatchActivityExportProcessor(
                exporter,
                defaults.MaxQueueSize,
                (int)options.ExportInterval.TotalMilliseconds,
                defaults.ExporterTimeoutMilliseconds,
                defaults.MaxExportBatchSize));
        }

        return tracing;
    }
}
