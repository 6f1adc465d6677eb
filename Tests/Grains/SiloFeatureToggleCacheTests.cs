using Loans.Grains.Features.SiloCache;

namespace Loans.Tests.Grains;

/// <summary>Each silo's copy of the toggles: served from memory, replaced by pushes, reloaded when it expires.</summary>
public class SiloFeatureToggleCacheTests
{
    private const string Name = "CACHED_TOGGLE";
    private static readonly FeatureToggle Off = new(Name, enabled: false, updatedAt: null, updatedBy: null);
    private static readonly FeatureToggle On = new(Name, enabled: true, updatedAt: DateTimeOffset.UnixEpoch, updatedBy: "tests");

    [Fact]
    public async Task A_toggle_is_loaded_once_and_then_served_from_memory()
    {
        var loads = 0;
        var cache = new SiloFeatureToggleCache(_ => { loads++; return Task.FromResult(Off); }, TimeSpan.FromHours(1));

        Assert.Equal(Off, await cache.Get(Name));
        Assert.Equal(Off, await cache.Get(Name));

        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task A_pushed_value_is_served_without_a_load()
    {
        var cache = new SiloFeatureToggleCache(_ => throw new InvalidOperationException("no load expected"), TimeSpan.FromHours(1));

        cache.Put(On);

        Assert.Equal(On, await cache.Get(Name));
    }

    [Fact]
    public async Task A_push_replaces_the_value_loaded_before_it()
    {
        var cache = new SiloFeatureToggleCache(_ => Task.FromResult(Off), TimeSpan.FromHours(1));
        await cache.Get(Name);

        cache.Put(On);

        Assert.Equal(On, await cache.Get(Name));
    }

    [Fact]
    public async Task A_load_that_was_in_flight_during_a_push_does_not_overwrite_the_pushed_value()
    {
        var slowLoad = new TaskCompletionSource<FeatureToggle>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cache = new SiloFeatureToggleCache(_ => slowLoad.Task, TimeSpan.FromHours(1));
        var inFlight = cache.Get(Name);

        cache.Put(On);
        slowLoad.SetResult(Off);
        await inFlight;

        Assert.Equal(On, await cache.Get(Name));
    }

    [Fact]
    public async Task An_expired_entry_is_loaded_again()
    {
        var stored = Off;
        var cache = new SiloFeatureToggleCache(_ => Task.FromResult(stored), TimeSpan.Zero);
        await cache.Get(Name);

        stored = On;

        Assert.Equal(On, await cache.Get(Name));
    }
}
