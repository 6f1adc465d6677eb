using Loans.Grains;
using Loans.Silo.Activations;
using Loans.Silo.FeatureToggles;
using Loans.Silo.Storage;

namespace Loans.Silo.Hosting;

public static class LoansSiloBuilderExtensions
{
    /// <summary>
    /// Everything a silo of this service needs except clustering: grains, their storage and the toggle
    /// store. Tests call this too, so they run the same wiring as production.
    /// </summary>
    public static ISiloBuilder AddLoansSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddLoanGrains(configuration);
        silo.AddLoanGrainStorage(configuration);
        silo.AddActivationLifetimes(configuration);
        silo.Services.AddFeatureToggleStore(configuration);
        return silo;
    }
}
