namespace Loans.Api.Orders;

/// <summary>Operators list and purge the synthetic orders that smoke tests left behind in production.</summary>
public static class SyntheticOrdersApi
{
    public sealed record SyntheticOrdersResponse(IReadOnlyList<Guid> OrderIds);

    public sealed record PurgeResponse(int Purged);

    /// <summary>Maps the endpoints; the caller decides who may use them.</summary>
    public static RouteGroupBuilder MapSyntheticOrdersApi(this IEndpointRouteBuilder app)
    {
        var synthetic = app.MapGroup("/synthetic-orders").WithTags("Testing in production");
        synthetic.MapGet("/", ListSyntheticOrders).WithSummary("The ids of the synthetic orders still stored");
        synthetic.MapDelete("/", PurgeSyntheticOrders).WithSummary("Delete every synthetic order; real orders are never touched");
        return synthetic;
    }

    public static async Task<Ok<SyntheticOrdersResponse>> ListSyntheticOrders(IClusterClient cluster) =>
        TypedResults.Ok(new SyntheticOrdersResponse(await cluster.GetGrain<ISyntheticOrdersGrain>(0).List()));

    public static async Task<Ok<PurgeResponse>> PurgeSyntheticOrders(IClusterClient cluster) =>
        TypedResults.Ok(new PurgeResponse(await cluster.GetGrain<ISyntheticOrdersGrain>(0).Purge()));
}
