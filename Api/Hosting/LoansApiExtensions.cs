using Loans.Api.Admin;
using Loans.Api.AdminConsole;
using Loans.Api.Customers;
using Loans.Api.DataProtection;
using Loans.Api.Features;
using Loans.Api.Http;
using Loans.Api.Orders;
using Loans.Api.Proxy;
using Loans.Api.Resilience;

namespace Loans.Api.Hosting;

/// <summary>
/// The HTTP API, written once and mapped by both hosts: the API process (Api/Program.cs), which reaches the grains
/// through its cluster client, and a silo that hosts it in its own process (<c>Silo:HostApi</c>), which calls them
/// in-process. Both get the same endpoints, middleware, settings and OpenAPI document. What differs stays with the
/// host: the cluster client, telemetry, and health checks.
/// </summary>
public static class LoansApiExtensions
{
    /// <summary>The API's services: proxies, key ring, admin access, rate limits, JSON, problem details, OpenAPI.</summary>
    public static WebApplicationBuilder AddLoansApi(this WebApplicationBuilder builder)
    {
        builder.AddLoansProxySupport();
        builder.AddLoansKeyRing();
        builder.AddAdminAccess();
        builder.AddFeatureToggleViews();
        builder.AddLoansOrderRateLimit();
        builder.AddLoansResilience();
        builder.Services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        builder.Services.AddOptions<RequestLimits>()
            .Bind(builder.Configuration.GetSection(RequestLimits.SectionName))
            .Validate(limits => limits.MaxRequestBodyBytes is >= 1024 and <= 16 * 1024 * 1024, "Api:MaxRequestBodyBytes must be between 1024 and 16777216.")
            .ValidateOnStart();
        builder.Services.AddSingleton<JsonBody>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ClusterUnavailableExceptionHandler>();
        builder.AddLoansOpenApi();
        return builder;
    }

    /// <summary>The API's middleware, in order: proxies first, then errors, authentication and rate limits.</summary>
    public static WebApplication UseLoansApi(this WebApplication app)
    {
        app.UseLoansProxySupport();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The API's endpoints: OpenAPI, orders, customers, toggles, the admin console and synthetic orders.</summary>
    public static WebApplication MapLoansApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapOrdersApi();
        app.MapCustomersApi();
        app.MapFeaturesApi();
        app.MapAdminConsole();
        app.MapSyntheticOrdersApi().RequireAuthorization(AdminAccessExtensions.EditorPolicy);
        app.AnnounceGeneratedAdminKey();
        return app;
    }
}
