using Loans.Grains.Idempotency;
using Loans.Grains.Orders;

using Orleans.Configuration;

namespace Loans.Silo.Activations;

public static class ActivationLifetimeExtensions
{
    /// <summary>Applies section <c>Activations</c> to Orleans' per-grain-class collection ages and directory cache.</summary>
    public static ISiloBuilder AddActivationLifetimes(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = configuration.GetSection(ActivationLifetimeOptions.SectionName).Get<ActivationLifetimeOptions>() ?? new();
        OptionsValidation.ThrowIfInvalid(options, ActivationLifetimeOptions.SectionName);
        silo.Configure<GrainCollectionOptions>(collection =>
        {
            collection.ClassSpecificCollectionAge[typeof(LoanOrderGrain).FullName!] = options.LoanOrderIdleTimeout;
            collection.ClassSpecificCollectionAge[typeof(IdempotencyKeyGrain).FullName!] = options.IdempotencyKeyIdleTimeout;
        });
        silo.Configure<GrainDirectoryOptions>(directory => directory.CacheSize = options.DirectoryCacheSize);
        return silo;
    }
}
