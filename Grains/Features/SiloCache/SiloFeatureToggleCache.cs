using System.Collections.Concurrent;
using Loans.Grains.Telemetry;
using Microsoft.Extensions.Options;

namespace Loans.Grains.Features.SiloCache;

/// <summary>
/// This silo's copy of the toggles that its verifiers read, so that verifying an order needs no call to a toggle
/// grain. A toggle grain pushes every change to every active silo before it acknowledges the change
/// (<see cref="FeatureToggleCachePublisher"/>), so a flip still acts on the very next order. An entry also
/// expires after <see cref="FeatureToggleCacheOptions.RefreshInterval"/>, which bounds how long a silo that
/// missed a push can serve an old value.
/// The same copy feeds this silo's toggle gauges (<see cref="FeatureToggleGauges"/>), so every silo reports the
/// state its verifiers act on.
/// </summary>
public sealed class SiloFeatureToggleCache : IDisposable
{
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Func<string, Task<FeatureToggle>> load;
    private readonly long lifetimeMilliseconds;

    // Counts pushes; a load that started before a push must not overwrite the value that push brought.
    private long pushes;

    public SiloFeatureToggleCache(IGrainFactory grains, IOptions<FeatureToggleCacheOptions> options)
        : this(name => grains.GetGrain<IFeatureToggleGrain>(name).Get(), options.Value.RefreshInterval)
    {
    }

    internal SiloFeatureToggleCache(Func<string, Task<FeatureToggle>> load, TimeSpan lifetime)
    {
        this.load = load;
        lifetimeMilliseconds = (long)lifetime.TotalMilliseconds;
        FeatureToggleGauges.Observe(this);
    }

    /// <summary>
    /// Every toggle this silo holds, as it holds it. Entries past their lifetime are reported as they are and
    /// reloaded in the background, so the gauges follow an edit made by hand even while no order reads the toggle.
    /// </summary>
    public IReadOnlyList<FeatureToggle> Snapshot()
    {
        var now = Environment.TickCount64;
        var toggles = new List<FeatureToggle>(entries.Count);
        foreach (var (name, entry) in entries)
        {
            toggles.Add(entry.Toggle);
            if (now >= entry.ExpiresAt)
            {
                _ = Reload(name);
            }
        }

        return toggles;
    }

    public void Dispose() => FeatureToggleGauges.Forget(this);

    private async Task Reload(string name)
    {
        try
        {
            await LoadAndKeep(name);
        }
        catch (Exception)
        {
            // The grain is unreachable (the silo is stopping, storage is down): the next read tries again.
        }
    }

    public ValueTask<FeatureToggle> Get(string name) =>
        entries.TryGetValue(name, out var entry) && Environment.TickCount64 < entry.ExpiresAt
            ? ValueTask.FromResult(entry.Toggle)
            : new ValueTask<FeatureToggle>(LoadAndKeep(name));

    /// <summary>Takes a value pushed by the toggle's grain; it replaces whatever this silo had.</summary>
    public void Put(FeatureToggle toggle)
    {
        lock (gate)
        {
            pushes++;
            entries[toggle.Name] = new Entry(toggle, Environment.TickCount64 + lifetimeMilliseconds);
        }
    }

    private async Task<FeatureToggle> LoadAndKeep(string name)
    {
        long pushesBefore;
        lock (gate)
        {
            pushesBefore = pushes;
        }

        var toggle = await load(name);
        lock (gate)
        {
            if (pushes == pushesBefore)
            {
                entries[name] = new Entry(toggle, Environment.TickCount64 + lifetimeMilliseconds);
            }
        }

        return toggle;
    }

    private sealed record Entry(FeatureToggle Toggle, long ExpiresAt);
}
