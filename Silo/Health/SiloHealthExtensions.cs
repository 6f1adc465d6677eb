using Loans.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Loans.Silo.Health;

public static class SiloHealthExtensions
{
    private const string Ready = "ready";

    /// <summary>Liveness (the process answers) and readiness (storage, toggles and membership) checks.</summary>
    public static WebApplicationBuilder AddLoansHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<SiloMembershipHealthCheck>("membership", tags: [Ready])
            .AddCheck<GrainStorageHealthCheck>("grainStorage", tags: [Ready], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<FeatureToggleStoreHealthCheck>("featureToggles", tags: [Ready], timeout: TimeSpan.FromSeconds(5));
        return builder;
    }

    /// <summary><c>/health/live</c>: 200 while the process runs. <c>/health/ready</c>: 200 when every check passes, else 503.</summary>
    public static IEndpointRouteBuilder MapLoansHealth(this IEndpointRouteBuilder app)
    {
        // Probes stay out of the silo's HTTP metrics, as on the API.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.Write })
            .DisableHttpMetrics();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = HealthResponse.Write })
            .DisableHttpMetrics();
        return app;
    }
}
