using Loans.Grains.Verification;
using Orleans.Runtime;

namespace Loans.Silo.WarmUp;

public static class WarmUpExtensions
{
    /// <summary>Warms the order path up before the silo joins the cluster, within <c>Silo:WarmUpTimeout</c>.</summary>
    public static ISiloBuilder AddLoansWarmUp(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = configuration.GetSection(WarmUpOptions.SectionName).Get<WarmUpOptions>() ?? new();
        OptionsValidation.ThrowIfInvalid(options, WarmUpOptions.SectionName);
        if (options.WarmUpTimeout == TimeSpan.Zero)
        {
            return silo;
        }

        silo.Services.AddSingleton(options);
        silo.Services.AddSingleton<VerificationWarmUp>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloWarmUp>();
        return silo;
    }
}
