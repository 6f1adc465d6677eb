using Loans.Api.Health;
using Loans.Silo.CoHostedApi;
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

    /// <summary>
    /// <c>/health/live</c>: 200 while the process runs. <c>/health/ready</c>: 200 when every check passes, else 503.
    /// A silo that hosts the API serves them on the public port, so there, as on the API, strangers see only the
    /// status and the administrator key shows each check.
    /// </summary>
    public static IEndpointRouteBuilder MapLoansHealth(this IEndpointRouteBuilder app)
    {
        Func<HttpContext, HealthReport, Task> write = app.HostsLoansApi() ? PublicHealthResponse.Write : HealthResponse.Write;
        // Probes stay out of the silo's HTTP metrics, as on the API.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = write })
            .ExcludeFromDescription()
            .DisableHttpMetrics();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = write })
            .ExcludeFromDescription()
            .DisableHttpMetrics();
        return app;
    }
}
