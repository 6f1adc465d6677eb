using Loans.Grains.Idempotency;
using Loans.Grains.Orders;
using Loans.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Loans.Tests.Grains;

/// <summary>Idle order grains leave memory after their configured idle time, not Orleans' two-hour default, and the directory cache is bounded.</summary>
public class ActivationLifetimeTests
{
    [Fact]
    public void Loan_order_and_idempotency_grains_are_collected_after_two_idle_minutes_by_default()
    {
        var collection = CollectionOptions([]);

        Assert.Equal(TimeSpan.FromMinutes(2), collection.ClassSpecificCollectionAge[typeof(LoanOrderGrain).FullName!]);
        Assert.Equal(TimeSpan.FromMinutes(2), collection.ClassSpecificCollectionAge[typeof(IdempotencyKeyGrain).FullName!]);
    }

    [Fact]
    public void The_idle_timeouts_come_from_the_activations_section()
    {
        var collection = CollectionOptions(new()
        {
            ["Activations:LoanOrderIdleTimeout"] = "00:10:00",
            ["Activations:IdempotencyKeyIdleTimeout"] = "00:03:00",
        });

        Assert.Equal(TimeSpan.FromMinutes(10), collection.ClassSpecificCollectionAge[typeof(LoanOrderGrain).FullName!]);
        Assert.Equal(TimeSpan.FromMinutes(3), collection.ClassSpecificCollectionAge[typeof(IdempotencyKeyGrain).FullName!]);
    }

    [Fact]
    public void An_idle_timeout_below_the_collection_quantum_is_refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => CollectionOptions(new() { ["Activations:LoanOrderIdleTimeout"] = "00:00:10" }));

        Assert.Contains("Activations:LoanOrderIdleTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_directory_caches_ten_thousand_grain_addresses_by_default_not_orleans_million()
    {
        Assert.Equal(10_000, SiloOptions<GrainDirectoryOptions>([]).CacheSize);
        Assert.Equal(250_000, SiloOptions<GrainDirectoryOptions>(new() { ["Activations:DirectoryCacheSize"] = "250000" }).CacheSize);
    }

    [Fact]
    public void A_directory_cache_size_below_a_thousand_is_refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => SiloOptions<GrainDirectoryOptions>(new() { ["Activations:DirectoryCacheSize"] = "10" }));

        Assert.Contains("Activations:DirectoryCacheSize", error.Message, StringComparison.Ordinal);
    }

    private static GrainCollectionOptions CollectionOptions(Dictionary<string, string?> settings) => SiloOptions<GrainCollectionOptions>(settings);

    private static T SiloOptions<T>(Dictionary<string, string?> settings)
        where T : class
    {
        using var directory = new TemporaryDirectory("activation-lifetime");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["GrainStorage:Sqlite:DataSource"] = directory.File("loans.db"),
            ["FeatureToggles:DataSource"] = directory.File("toggles.db"),
        });
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddLoansSilo(builder.Configuration));
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<T>>().Value;
    }
}
