using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Exporter;

namespace Loans.Telemetry;

// Shared by the silo and the API, like SpanExport.cs.

/// <summary>
/// Spans handed to the exporter, by exporter and result. Prometheus:
/// <c>loans_telemetry_spans_exported_total{exporter,result}</c>. A batch the exporter fails to deliver is
/// dropped (the SDK does not retry it), so <c>result="failure"</c> counts the spans that never reached the
/// collector. The batch processor's own queue-overflow count is internal to the SDK and not exposed.
/// </summary>
public static class SpanExportTelemetry
{
    /// <summary>The meter both hosts add to their metrics pipeline.</summary>
    public const string MeterName = "Loans.Telemetry";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Exported = Meter.CreateCounter<long>(
        "loans.telemetry.spans.exported",
        unit: "{span}",
        description: "Spans handed to the span exporter, by exporter and result (failure: dropped, not delivered).");

    internal static void Record(string exporter, long spans, ExportResult result) =>
        Exported.Add(spans,
            new KeyValuePair<string, object?>("exporter", exporter),
            new KeyValuePair<string, object?>("result", result == ExportResult.Success ? "success" : "failure"));
}

// Upstream deprecated the Zipkin exporter (see SpanExport); it stays the lesson's default.
#pragma warning disable CS0618
/// <summary>Zipkin's exporter, counting what each batch came to. A subclass, not a wrapper: the exporter
/// reads the service name from its own parent provider, which only the SDK can set.</summary>
internal sealed class CountedZipkinExporter(ZipkinExporterOptions options, HttpClient client) : ZipkinExporter(options, client)
{
    public override ExportResult Export(in Batch<Activity> batch)
    {
        var result = base.Export(batch);
        SpanExportTelemetry.Record("zipkin", batch.Count, result);
        return result;
    }
}

#pragma warning restore CS0618

/// <summary>The OTLP trace exporter, counting what each batch came to.</summary>
internal sealed class CountedOtlpTraceExporter(OtlpExporterOptions options) : OtlpTraceExporter(options)
{
    public override ExportResult Export(in Batch<Activity> batch)
    {
        var result = base.Export(batch);
        SpanExportTelemetry.Record("otlp", batch.Count, result);
        return result;
    }
}
