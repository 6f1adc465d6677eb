using Loans.Api.Hosting;
using Orleans.Configuration;

namespace Loans.Silo.CoHostedApi;

/// <summary>
/// The HTTP API served from inside the silo (<c>Silo:HostApi</c>), as Orleans recommends where the front end does
/// not need to scale on its own: requests call grains through the silo's own <see cref="IClusterClient"/>, with no
/// gateway hop, no second process and no second runtime. The API is the very one the API process maps
/// (<see cref="LoansApiExtensions"/>); only the cluster client, telemetry and health checks are the silo's.
/// </summary>
public static class CoHostedApiExtensions
{
    /// <summary>Whether this silo serves the HTTP API (<c>Silo:HostApi</c>).</summary>
    public static bool HostsLoansApi(this IHostApplicationBuilder builder) => CoHostedApiOptions.Read(builder.Configuration).HostApi;

    /// <summary>Whether this silo serves the HTTP API (<c>Silo:HostApi</c>).</summary>
    public static bool HostsLoansApi(this IEndpointRouteBuilder app) =>
        CoHostedApiOptions.Read(app.ServiceProvider.GetRequiredService<IConfiguration>()).HostApi;

    /// <summary>The API's services, when this silo hosts the API.</summary>
    public static WebApplicationBuilder AddLoansCoHostedApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(CoHostedApiOptions.Read(builder.Configuration));
        if (!builder.HostsLoansApi())
        {
            return builder;
        }

        // As in the API process (Api/Resilience): a grain call cancelled at the request's deadline waits for the
        // grain's answer, so a 503 can say whether the order was stored. Here the calls go through the silo's runtime.
        builder.Services.Configure<SiloMessagingOptions>(messaging => messaging.WaitForCancellationAcknowledgement = true);
        return builder.AddLoansApi();
    }

    /// <summary>The API's middleware, when this silo hosts the API; before every endpoint, as in the API process.</summary>
    public static WebApplication UseLoansCoHostedApi(this WebApplication app) =>
        app.HostsLoansApi() ? app.UseLoansApi() : app;

    /// <summary>The API's endpoints, when this silo hosts the API.</summary>
    public static WebApplication MapLoansCoHostedApi(this WebApplication app) =>
        app.HostsLoansApi() ? app.MapLoansApi() : app;
}
