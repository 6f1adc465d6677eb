using Orleans.Dashboard;

namespace Loans.Silo.Dashboard;

/// <summary>
/// Builds the Orleans Dashboard's endpoints when it is first opened, not at start-up. Mapping them makes the dashboard
/// read and gzip its embedded web assets into memory (a 12.9 MB source map, the 3.8 MB script and their copies):
/// 47 MiB of a co-hosted silo's idle RSS (212 against 165 MiB, docs/performance.md) that a silo nobody looks at need
/// not hold. The endpoints live in a pipeline of their own, so they stay out of the silo's route table and OpenAPI
/// document; its first request pays for the assets once.
/// </summary>
internal sealed class DashboardOnFirstRequest(IServiceProvider services)
{
    private readonly Lazy<RequestDelegate> pipeline = new(() =>
    {
        var dashboard = new ApplicationBuilder(services);
        dashboard.UseRouting();
        dashboard.UseEndpoints(endpoints => endpoints.MapOrleansDashboard(routePrefix: DashboardOptions.Path));
        return dashboard.Build();
    });

    public Task Serve(HttpContext context) => pipeline.Value(context);
}
