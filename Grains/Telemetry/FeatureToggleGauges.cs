using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Loans.Grains.Features.SiloCache;

namespace Loans.Grains.Telemetry;

/// <summary>
/// The toggles' state as gauges, read from each silo's toggle cache at every scrape. A counter of changes cannot
/// show a release: each new label set is a new series whose first increment <c>increase()</c> never sees, and a
/// restart starts it at zero. Gauges of a stored revision exist on every silo from start-up and survive restarts,
/// so each change is one step of <c>loans_feature_toggle_revision</c>, visible wherever it happens.
/// </summary>
public static class FeatureToggleGauges
{
    /// <summary>The values of the <c>mode</c> label: every mode is reported, 1 for the current one, 0 for the others.</summary>
    public static readonly IReadOnlyList<FeatureToggleMode> Modes = [FeatureToggleMode.Off, FeatureToggleMode.On, FeatureToggleMode.Shadow, FeatureToggleMode.Percentage];

    // One cache per silo; an in-process test cluster has several, which report the same stored values.
    private static readonly ConcurrentDictionary<SiloFeatureToggleCache, byte> Caches = new();

    /// <summary>Prometheus: <c>loans_feature_toggle_revision{toggle}</c>, the number of changes ever stored.</summary>
    public static readonly ObservableGauge<long> Revision = LoansTelemetry.Meter.CreateObservableGauge(
        "loans.feature_toggle.revision",
        () => Toggles().Select(t => new Measurement<long>(t.Revision, Tag(LoansTelemetry.Tags.Toggle, t.Name))),
        unit: "{change}",
        description: "Changes ever stored for a toggle (persisted: a restart is not a change); each step is one change.");

    /// <summary>Prometheus: <c>loans_feature_toggle_mode{toggle,mode}</c>, 1 for the current mode and 0 for the others.</summary>
    public static readonly ObservableGauge<long> Mode = LoansTelemetry.Meter.CreateObservableGauge(
        "loans.feature_toggle.mode",
        () => Toggles().SelectMany(t => Modes.Select(mode => new Measurement<long>(
            t.Mode == mode ? 1 : 0, Tag(LoansTelemetry.Tags.Toggle, t.Name), Tag(LoansTelemetry.Tags.Mode, ModeLabel(mode))))),
        unit: null,
        description: "A toggle's current mode: 1 for the mode it is in, 0 for every other.");

    /// <summary>Prometheus: <c>loans_feature_toggle_percentage{toggle}</c>, the share of customers the feature acts on.</summary>
    public static readonly ObservableGauge<long> Percentage = LoansTelemetry.Meter.CreateObservableGauge(
        "loans.feature_toggle.percentage",
        () => Toggles().Select(t => new Measurement<long>(ActsOn(t), Tag(LoansTelemetry.Tags.Toggle, t.Name))),
        unit: null,
        description: "Percent of customers the feature acts on: 100 when ON, n for PERCENTAGE n, 0 when OFF, SHADOW or archived.");

    /// <summary>
    /// Prometheus: <c>loans_feature_toggle_last_change{toggle,from,to,changed_by}</c>, whose value is the change's
    /// revision; the annotation joins it to the revision's step for its text.
    /// </summary>
    public static readonly ObservableGauge<long> LastChange = LoansTelemetry.Meter.CreateObservableGauge(
        "loans.feature_toggle.last_change",
        () => Toggles().Where(t => t.Revision > 0).Select(t => new Measurement<long>(
            t.Revision,
            Tag(LoansTelemetry.Tags.Toggle, t.Name),
            Tag(LoansTelemetry.Tags.From, t.PreviousState ?? NoState),
            Tag(LoansTelemetry.Tags.To, t.Describe()),
            Tag(LoansTelemetry.Tags.ChangedBy, t.UpdatedBy ?? "unknown"))),
        unit: "{change}",
        description: "The last change of a toggle: old and new state and who made it; the value is its revision.");

    /// <summary>The <c>from</c> label of a toggle's creation, which has no state before it.</summary>
    public const string NoState = "NONE";

    public static void Observe(SiloFeatureToggleCache cache) => Caches.TryAdd(cache, 0);

    public static void Forget(SiloFeatureToggleCache cache) => Caches.TryRemove(cache, out _);

    /// <summary>The label value of a mode: off, on, shadow, percentage.</summary>
    public static string ModeLabel(FeatureToggleMode mode) => mode.ToString().ToLowerInvariant();

    private static int ActsOn(FeatureToggle toggle) => toggle.Archived ? 0 : toggle.Mode switch
    {
        FeatureToggleMode.On => 100,
        FeatureToggleMode.Percentage => toggle.Percentage,
        _ => 0,
    };

    // The newest value of each toggle across this process's caches, so one label set is reported once.
    private static IEnumerable<FeatureToggle> Toggles() =>
        Caches.Keys.SelectMany(cache => cache.Snapshot())
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .Select(g => g.MaxBy(t => t.Revision)!);

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);
}
