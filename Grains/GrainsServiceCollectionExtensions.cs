using Loans.Grains.Features;
using Loans.Grains.Features.Evaluation;
using Loans.Grains.Features.Exposure;
using Loans.Grains.Features.SiloCache;
using Loans.Grains.Idempotency;
using Loans.Grains.Verification;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;

namespace Loans.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>Registers what the grains need besides storage: the clock, the verifier, each silo's toggle cache, toggle evaluation and their options.</summary>
    public static IServiceCollection AddLoanGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CustomerVerifier>();
        services.AddOptions<FeatureToggleCacheOptions>()
            .Bind(configuration.GetSection(FeatureToggleCacheOptions.SectionName))
            .Validate(o => o.RefreshInterval > TimeSpan.Zero, $"{FeatureToggleCacheOptions.SectionName}:RefreshInterval must be a positive time span, e.g. 00:00:05.")
            .Validate(o => o.PublishTimeout > TimeSpan.Zero, $"{FeatureToggleCacheOptions.SectionName}:PublishTimeout must be a positive time span, e.g. 00:00:05.")
            .Validate(o => o.EvaluationReportInterval >= TimeSpan.FromSeconds(1) && o.EvaluationReportInterval <= TimeSpan.FromHours(1),
                $"{FeatureToggleCacheOptions.SectionName}:EvaluationReportInterval must be between 00:00:01 and 01:00:00, e.g. 00:01:00.")
            .ValidateOnStart();
        services.AddSingleton<SiloFeatureToggleCache>();
        services.AddSingleton<IFeatureToggleCachePublisher, FeatureToggleCachePublisher>();
        services.AddGrainService<FeatureToggleCacheService>();
        services.AddLoansFeatureEvaluation();
        services.AddSingleton<ToggleEvaluationRecorder>();
        services.AddSingleton<IFeatureToggleExposureCollector, FeatureToggleExposureCollector>();
        services.AddHostedService<ToggleEvaluationReporter>();
        services.AddOptions<IdempotencyOptions>()
            .Bind(configuration.GetSection(IdempotencyOptions.SectionName))
            .Validate(o => o.Retention >= TimeSpan.FromHours(24), $"{IdempotencyOptions.SectionName}:Retention must be at least 24:00:00 (the IETF Idempotency-Key draft).")
            .ValidateOnStart();
        return services;
    }
}
