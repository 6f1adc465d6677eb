using System.Diagnostics;
using Loans.Grains.Features;
using Loans.Grains.Features.Evaluation;
using Loans.Grains.Features.SiloCache;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace Loans.Tests.Grains;

/// <summary>
/// Toggles evaluated by Microsoft.FeatureManagement, wired as a silo wires it (AddLoansFeatureEvaluation) over a silo
/// toggle cache: each release mode gives its variant, a rollout keeps every customer's bucket, a time window bounds
/// the mode, and an evaluation reads the cache only.
/// </summary>
public sealed class FeatureEvaluationTests : IDisposable
{
    private const string Name = FeatureNames.NewVerification;
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid PinnedCustomer = Guid.Parse("33d2f13c-6d96-4883-9871-1e158ced00f2");
    private static readonly Guid[] ManyCustomers = Enumerable.Range(0, 2_000).Select(i => new Guid(i, 3, 3, [1, 2, 3, 4, 5, 6, 7, 8])).ToArray();

    private readonly FakeTimeProvider clock = new(Now);
    private readonly SiloFeatureToggleCache cache;
    private readonly ServiceProvider services;
    private int loads;

    public FeatureEvaluationTests()
    {
        cache = new SiloFeatureToggleCache(name => { loads++; return Task.FromResult(Toggle(FeatureToggleMode.Off) with { Name = name }); }, TimeSpan.FromHours(1));
        services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(cache)
            .AddLoansFeatureEvaluation()
            .BuildServiceProvider();
    }

    private IVariantFeatureManager Features => services.GetRequiredService<IVariantFeatureManager>();

    [Theory]
    [InlineData(FeatureToggleMode.Off, 0, ReleaseVariant.Off, false)]
    [InlineData(FeatureToggleMode.On, 100, ReleaseVariant.On, true)]
    [InlineData(FeatureToggleMode.Shadow, 0, ReleaseVariant.Shadow, false)]
    [InlineData(FeatureToggleMode.Percentage, 0, ReleaseVariant.PercentageOut, false)]
    [InlineData(FeatureToggleMode.Percentage, 100, ReleaseVariant.PercentageIn, true)]
    public async Task Each_release_mode_gives_its_variant_and_acts_only_when_on_or_in_the_rollout(FeatureToggleMode mode, int percentage, string variant, bool enabled)
    {
        cache.Put(Toggle(mode, percentage));

        Assert.Equal(variant, await Variant(PinnedCustomer));
        Assert.Equal(enabled, await Features.IsEnabledAsync(Name, new CustomerTargetingContext(PinnedCustomer)));
        Assert.Equal(enabled, ReleaseVariant.ActsOn(variant));
    }

    [Fact]
    public async Task A_rollout_reaches_exactly_the_customers_in_its_buckets()
    {
        cache.Put(Toggle(FeatureToggleMode.Percentage, 30));

        foreach (var customer in ManyCustomers)
        {
            var inRollout = RolloutBucket.IsIn(Name, customer, 30);
            Assert.Equal(inRollout ? ReleaseVariant.PercentageIn : ReleaseVariant.PercentageOut, await Variant(customer));
        }
    }

    [Theory]
    [InlineData(25, ReleaseVariant.PercentageOut)]
    [InlineData(26, ReleaseVariant.PercentageIn)]
    public async Task The_pinned_customer_in_bucket_25_enters_the_rollout_at_26_percent_and_not_before(int percentage, string variant)
    {
        cache.Put(Toggle(FeatureToggleMode.Percentage, percentage));

        Assert.Equal(variant, await Variant(PinnedCustomer));
    }

    [Fact]
    public async Task A_rollout_evaluated_without_a_customer_reaches_nobody_even_inside_its_time_window()
    {
        cache.Put(Toggle(FeatureToggleMode.Percentage, 100));
        var plain = await Features.IsEnabledAsync(Name);
        cache.Put(Toggle(FeatureToggleMode.Percentage, 100) with { ActiveFrom = Now.AddHours(-1) });
        var windowed = await Features.IsEnabledAsync(Name);

        Assert.False(plain);
        Assert.False(windowed);
    }

    [Theory]
    [InlineData(FeatureToggleMode.On, 100, ReleaseVariant.On, ReleaseVariant.Off)]
    [InlineData(FeatureToggleMode.Shadow, 0, ReleaseVariant.Shadow, ReleaseVariant.Off)]
    [InlineData(FeatureToggleMode.Percentage, 100, ReleaseVariant.PercentageIn, ReleaseVariant.PercentageOut)]
    public async Task A_time_window_applies_the_mode_from_its_start_until_just_before_its_end(FeatureToggleMode mode, int percentage, string inside, string outside)
    {
        cache.Put(Toggle(mode, percentage) with { ActiveFrom = Now.AddHours(1), ActiveUntil = Now.AddHours(2) });
        var seen = new List<string>();

        foreach (var at in new[] { Now, Now.AddHours(1).AddSeconds(-1), Now.AddHours(1), Now.AddHours(2).AddSeconds(-1), Now.AddHours(2) })
        {
            clock.SetUtcNow(at);
            seen.Add(await Variant(PinnedCustomer));
        }

        Assert.Equal([outside, outside, inside, inside, outside], seen);
    }

    [Fact]
    public async Task An_open_ended_window_starts_a_toggle_at_a_set_time_and_never_stops_it()
    {
        cache.Put(Toggle(FeatureToggleMode.On) with { ActiveFrom = Now.AddMinutes(30) });

        var before = await Variant(PinnedCustomer);
        clock.Advance(TimeSpan.FromDays(365));
        var yearLater = await Variant(PinnedCustomer);

        Assert.Equal((ReleaseVariant.Off, ReleaseVariant.On), (before, yearLater));
    }

    [Fact]
    public async Task A_change_pushed_into_the_cache_is_evaluated_at_once_and_no_evaluation_loads_the_toggle()
    {
        await Variant(PinnedCustomer);
        var seen = new List<string>();

        foreach (var toggle in new[] { Toggle(FeatureToggleMode.Shadow), Toggle(FeatureToggleMode.On), Toggle(FeatureToggleMode.Off) })
        {
            cache.Put(toggle);
            for (var i = 0; i < 100; i++)
            {
                await Variant(ManyCustomers[i]);
            }

            seen.Add(await Variant(PinnedCustomer));
        }

        Assert.Equal([ReleaseVariant.Shadow, ReleaseVariant.On, ReleaseVariant.Off], seen);
        // The first read loaded the toggle (a grain call in a silo); every evaluation after it read memory only.
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task The_library_records_each_evaluation_on_the_trace_without_the_customers_identity()
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.FeatureManagement" or "FeatureEvaluationTests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (stopped) { stopped.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("FeatureEvaluationTests");
        cache.Put(Toggle(FeatureToggleMode.Shadow) with { Revision = 3 });

        ActivitySpanId parent;
        using (var verification = source.StartActivity("verify customer"))
        {
            parent = verification!.SpanId;
            await Variant(PinnedCustomer);
        }

        // Other tests in this process evaluate toggles too: this one's evaluation is the child of its span.
        Activity[] spans;
        lock (stopped)
        {
            spans = [.. stopped];
        }

        var evaluation = Assert.Single(spans, a => a.DisplayName == "FeatureEvaluation" && a.ParentSpanId == parent);
        var recorded = Assert.Single(evaluation.Events, e => e.Name == "FeatureFlag");
        var tags = recorded.Tags.ToDictionary(t => t.Key, t => t.Value?.ToString());
        Assert.Equal((Name, ReleaseVariant.Shadow, "False", "DefaultWhenEnabled", "3"),
            (tags.GetValueOrDefault("FeatureName"), tags.GetValueOrDefault("Variant"), tags.GetValueOrDefault("Enabled"), tags.GetValueOrDefault("VariantAssignmentReason"), tags.GetValueOrDefault("Revision")));
        Assert.False(tags.ContainsKey("TargetingId"));
        Assert.DoesNotContain(tags.Values, value => value?.Contains(PinnedCustomer.ToString(), StringComparison.OrdinalIgnoreCase) == true);
    }

    [Fact]
    public async Task An_off_toggle_stays_off_inside_its_time_window()
    {
        cache.Put(Toggle(FeatureToggleMode.Off) with { ActiveFrom = Now.AddHours(-1), ActiveUntil = Now.AddHours(1) });

        Assert.Equal(ReleaseVariant.Off, await Variant(PinnedCustomer));
        Assert.False(await Features.IsEnabledAsync(Name, new CustomerTargetingContext(PinnedCustomer)));
    }

    [Fact]
    public async Task A_window_with_only_an_end_applies_the_mode_until_that_end()
    {
        cache.Put(Toggle(FeatureToggleMode.On) with { ActiveUntil = Now.AddMinutes(30) });

        var before = await Variant(PinnedCustomer);
        clock.Advance(TimeSpan.FromMinutes(30));
        var atEnd = await Variant(PinnedCustomer);

        Assert.Equal((ReleaseVariant.On, ReleaseVariant.Off), (before, atEnd));
    }

    [Theory]
    [InlineData(25, ReleaseVariant.PercentageOut, false)]
    [InlineData(26, ReleaseVariant.PercentageIn, true)]
    public async Task Inside_an_open_window_a_rollout_still_reaches_only_its_buckets(int percentage, string variant, bool enabled)
    {
        // The window and the rollout must both say yes: an open window does not let in a customer outside the rollout.
        cache.Put(Toggle(FeatureToggleMode.Percentage, percentage) with { ActiveFrom = Now.AddHours(-1), ActiveUntil = Now.AddHours(1) });

        Assert.Equal(variant, await Variant(PinnedCustomer));
        Assert.Equal(enabled, await Features.IsEnabledAsync(Name, new CustomerTargetingContext(PinnedCustomer)));
    }

    [Fact]
    public async Task Shadow_is_evaluated_for_everybody_and_enabled_for_nobody()
    {
        cache.Put(Toggle(FeatureToggleMode.Shadow));

        foreach (var customer in ManyCustomers.Take(200))
        {
            Assert.Equal(ReleaseVariant.Shadow, await Variant(customer));
            Assert.False(await Features.IsEnabledAsync(Name, new CustomerTargetingContext(customer)));
        }
    }

    [Fact]
    public async Task The_definitions_listed_are_those_of_the_cached_toggles()
    {
        cache.Put(Toggle(FeatureToggleMode.Shadow));
        cache.Put(Toggle(FeatureToggleMode.Percentage, 40) with { Name = "OTHER_FEATURE" });

        var listed = await services.GetRequiredService<IFeatureDefinitionProvider>().GetAllFeatureDefinitionsAsync().ToListAsync();

        Assert.Equal(
            new[] { (Name, ReleaseVariant.Shadow), ("OTHER_FEATURE", ReleaseVariant.PercentageIn) },
            listed.Select(d => (d.Name, d.Allocation.DefaultWhenEnabled)).OrderBy(d => d.Name, StringComparer.Ordinal));
    }

    [Fact]
    public void Each_mode_defines_its_enabled_and_disabled_variants_and_only_shadow_overrides_the_status()
    {
        var defined = new[] { FeatureToggleMode.Off, FeatureToggleMode.On, FeatureToggleMode.Shadow, FeatureToggleMode.Percentage }
            .Select(mode => FeatureToggleDefinition.Of(Toggle(mode, 10)))
            .Select(d => string.Join(",", d.Variants.Select(v => $"{v.Name}:{v.StatusOverride}")))
            .ToArray();

        Assert.Equal(["off:None", "on:None,off:None", "shadow:Disabled,off:None", "percentage_in:None,percentage_out:None"], defined);
    }

    [Fact]
    public void A_variant_the_library_did_not_assign_reads_as_off() => Assert.Equal(ReleaseVariant.Off, ReleaseVariant.Of(null));

    [Fact]
    public void The_release_variants_are_exactly_the_five_names_the_exposure_counter_uses() =>
        Assert.Equal(["off", "on", "shadow", "percentage_in", "percentage_out"], ReleaseVariant.All);

    [Theory]
    [InlineData(ReleaseVariant.Off, false)]
    [InlineData(ReleaseVariant.On, true)]
    [InlineData(ReleaseVariant.Shadow, false)]
    [InlineData(ReleaseVariant.PercentageIn, true)]
    [InlineData(ReleaseVariant.PercentageOut, false)]
    public void Only_on_and_a_rollout_that_reaches_the_customer_act(string variant, bool acts) =>
        Assert.Equal(acts, ReleaseVariant.ActsOn(variant));

    [Fact]
    public async Task A_rollout_filter_without_settings_reaches_nobody()
    {
        var context = new FeatureFilterEvaluationContext { FeatureName = Name, Settings = null };

        Assert.False(await new RolloutFilter().EvaluateAsync(context, new CustomerTargetingContext(PinnedCustomer)));
    }

    [Theory]
    [InlineData("40", 40)]
    [InlineData(null, 0)]
    public void A_rollout_configured_in_settings_binds_its_percentage_and_no_percentage_is_zero(string? percentage, int bound)
    {
        var values = new Dictionary<string, string?>();
        if (percentage is not null)
        {
            values["Percentage"] = percentage;
        }

        var parameters = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var settings = Assert.IsType<RolloutFilterSettings>(new RolloutFilter().BindParameters(parameters));

        Assert.Equal(bound, settings.Percentage);
    }

    [Fact]
    public void A_customer_targeting_context_carries_no_user_id_and_no_groups_and_refuses_them()
    {
        ITargetingContext context = new CustomerTargetingContext(PinnedCustomer);

        Assert.Null(context.UserId);
        Assert.Empty(context.Groups);
        var userId = Assert.Throws<NotSupportedException>(() => context.UserId = "someone");
        var groups = Assert.Throws<NotSupportedException>(() => context.Groups = ["admins"]);
        Assert.Equal("A customer's targeting context carries only the customer's uuid.", userId.Message);
        Assert.Equal(userId.Message, groups.Message);
    }

    public void Dispose()
    {
        services.Dispose();
        cache.Dispose();
    }

    private async Task<string> Variant(Guid customer) =>
        ReleaseVariant.Of(await Features.GetVariantAsync(Name, new CustomerTargetingContext(customer)));

    private static FeatureToggle Toggle(FeatureToggleMode mode, int percentage = 0) =>
        new(Name, mode, mode == FeatureToggleMode.On ? 100 : percentage, Now, "tests", Revision: 1);
}
