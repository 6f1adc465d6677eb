using Loans.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Loans.Api.Health;

public static class ApiHealthExtensions
{
    private const string Ready = "ready";

    /// <summary>Readiness: a silo answers within a few seconds.</summary>
    public static WebApplicationBuilder AddLoansHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<ClusterHealthCheck>("cluster", tags: [Ready], timeout: TimeSpan.FromSeconds(3));
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c>: 200 while the process runs. <c>/health/ready</c>: 200 when a silo answers, else 503.
    /// Both on the public port: strangers see only the status, the administrator key shows each check. Probes are
    /// not traffic: they stay out of <c>http_server_request_duration_seconds</c>, whose rate, latency and 5xx share
    /// the dashboards and alerts read as the users' experience.
    /// </summary>
    public static IEndpointRouteBuilder MapLoansHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = PublicHealthResponse.Write })
            .ExcludeFromDescription()
            .DisableHttpMetrics();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = PublicHealthResponse.Write })
            .ExcludeFromDescription()
            .DisableHttpMetrics();
        return app;
    }
}
