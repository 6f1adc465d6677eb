using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Loans.Grains.Telemetry;

namespace Loans.Grains.Features.Exposure;

/// <summary>
/// This silo's memory of toggle evaluations: per toggle, a ring of per-minute counts by variant over the last hour,
/// and the time of the last evaluation. It listens to <see cref="LoansTelemetry.ToggleEvaluations"/> (the measurements
/// behind <c>loans_feature_toggle_evaluations_total</c>), so the console's exposure and the dashboards count the same
/// thing, and the code that evaluates toggles needs to know nothing about the console. Recording is an in-memory
/// add under a per-toggle lock: an evaluation still costs no grain call.
/// </summary>
public sealed class ToggleEvaluationRecorder : IDisposable
{
    /// <summary>How far back exposure is kept.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>
    /// Identifies this process. A MeterListener hears every measurement of its process, so silos sharing one process
    /// (an in-process test cluster) all hold the same counts: the collector keeps one answer per process.
    /// </summary>
    public static readonly Guid Process = Guid.NewGuid();

    private const int Slots = 60;

    /// <summary>
    /// The name of <see cref="LoansTelemetry.ToggleEvaluations"/>, as a constant: instruments are published while
    /// LoansTelemetry's static fields are still being created, when reading the field itself would find null.
    /// </summary>
    private const string EvaluationsInstrument = "loans.feature_toggle.evaluations";

    private readonly TimeProvider clock;
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, Ring> rings = new(StringComparer.Ordinal);

    public ToggleEvaluationRecorder(TimeProvider clock)
    {
        this.clock = clock;
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Name == LoansTelemetry.Name && instrument.Name == EvaluationsInstrument)
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>(OnMeasurement);
        listener.Start();
    }

    public void Record(string toggle, string variant, long count)
    {
        // Zeros are the series started at zero at start-up (LoansTelemetry.StartSeriesAtZero), not evaluations.
        if (count > 0)
        {
            rings.GetOrAdd(toggle, _ => new Ring()).Add(variant, count, clock.GetUtcNow());
        }
    }

    /// <summary>Evaluations of the toggle by variant within the last <see cref="Window"/>, the current minute included.</summary>
    public IReadOnlyList<FeatureToggleVariantCount> Counts(string toggle) =>
        rings.TryGetValue(toggle, out var ring) ? ring.Counts(clock.GetUtcNow()) : [];

    /// <summary>The last evaluation time of every toggle evaluated since the previous call, for the store.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> TakeUnreported()
    {
        var unreported = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (toggle, ring) in rings)
        {
            if (ring.TakeUnreported() is { } at)
            {
                unreported[toggle] = at;
            }
        }

        return unreported;
    }

    public void Dispose() => listener.Dispose();

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? toggle = null;
        string? variant = null;
        foreach (var tag in tags)
        {
            if (tag.Key == LoansTelemetry.Tags.Toggle)
            {
                toggle = tag.Value as string;
            }
            else if (tag.Key == LoansTelemetry.Tags.Variant)
            {
                variant = tag.Value as string;
            }
        }

        if (toggle is not null && variant is not null)
        {
            Record(toggle, variant, value);
        }
    }

    private sealed class Ring
    {
        private readonly Lock gate = new();
        private readonly long[] minutes = new long[Slots];
        private readonly Dictionary<string, long>[] counts = Enumerable.Range(0, Slots).Select(_ => new Dictionary<string, long>(StringComparer.Ordinal)).ToArray();
        private DateTimeOffset? lastEvaluated;
        private DateTimeOffset? lastReported;

        public void Add(string variant, long count, DateTimeOffset now)
        {
            var minute = MinuteOf(now);
            var slot = (int)(minute % Slots);
            lock (gate)
            {
                if (minutes[slot] != minute)
                {
                    // The slot last held the same minute of an earlier hour.
                    minutes[slot] = minute;
                    counts[slot].Clear();
                }

                counts[slot][variant] = counts[slot].GetValueOrDefault(variant) + count;
                lastEvaluated = now;
            }
        }

        public IReadOnlyList<FeatureToggleVariantCount> Counts(DateTimeOffset now)
        {
            var current = MinuteOf(now);
            var totals = new Dictionary<string, long>(StringComparer.Ordinal);
            lock (gate)
            {
                for (var slot = 0; slot < Slots; slot++)
                {
                    if (minutes[slot] > current - Slots && minutes[slot] <= current)
                    {
                        foreach (var (variant, count) in counts[slot])
                        {
                            totals[variant] = totals.GetValueOrDefault(variant) + count;
                        }
                    }
                }
            }

            return totals.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new FeatureToggleVariantCount(t.Key, t.Value)).ToList();
        }

        public DateTimeOffset? TakeUnreported()
        {
            lock (gate)
            {
                if (lastEvaluated is not { } at || at == lastReported)
                {
                    return null;
                }

                lastReported = at;
                return at;
            }
        }

        private static long MinuteOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60;
    }
}
