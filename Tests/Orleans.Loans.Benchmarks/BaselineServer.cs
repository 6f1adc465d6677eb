using Loans.Api.Http;
using Loans.Api.Orders;
using Loans.Grains;
using Loans.Grains.Orders;
using Loans.Grains.Verification;
using Loans.Silo.Storage;
using Loans.Silo.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;

namespace Loans.Benchmarks;

/// <summary>
/// The same work without Orleans: a bare Kestrel app in this process that reuses the API's JSON options,
/// body reader, validator and mapping, the grains' fraud rules, and the silo's SQLite group-commit storage
/// (same table, same document, default synchronous=FULL). It is the near limit for this work on this machine.
/// </summary>
public sealed class BaselineServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly SqliteGrainStorage storage;

    private BaselineServer(WebApplication app, SqliteGrainStorage storage, Uri address)
    {
        this.app = app;
        this.storage = storage;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<BaselineServer> Start(string dataDirectory)
    {
        var options = new SqliteGrainStorageOptions
        {
            DataSource = Path.Combine(dataDirectory, "data", "loans.db"),
            ReadableColumns = LoanGrainStorageExtensions.LoanOrderColumns,
            IndexedColumns = ["status", "order_date"],
        };
        var storage = new SqliteGrainStorage(StorageNames.Orders, options, TimeProvider.System, NullLogger<SqliteGrainStorage>.Instance);
        storage.Open();

        var address = new Uri($"http://127.0.0.1:{Loans.Tests.Infrastructure.FreePort.Next()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(address.ToString());
        builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        builder.Services.AddOptions<RequestLimits>();
        builder.Services.AddSingleton<JsonBody>();
        builder.Services.AddSingleton(new CustomerVerifier(TimeProvider.System));
        builder.Services.AddProblemDetails();
        var app = builder.Build();
        var server = new BaselineServer(app, storage, address);
        app.MapPost("/orders", server.Submit);
        app.MapGet("/orders/{id}", server.Get);
        await app.StartAsync();
        return server;
    }

    /// <summary>Reads an order straight from SQLite, as the baseline's GET does, for the no-HTTP comparison.</summary>
    public async Task<LoanOrder?> Read(Guid orderId)
    {
        var state = new GrainState<LoanOrderState>(new LoanOrderState());
        await storage.ReadStateAsync("order", GrainIdOf(orderId), state);
        return state.State?.Order;
    }

    private async Task<Results<Created<LoanOrderResponse>, ProblemHttpResult>> Submit(
        HttpRequest request, JsonBody body, CustomerVerifier verifier, CancellationToken cancellationToken)
    {
        var parsed = await body.Read<LoanOrderRequest>(request, cancellationToken);
        if (parsed.Value is not { } order)
        {
            return (ProblemHttpResult)parsed.Problem!;
        }

        var errors = LoanOrderValidator.Validate(order);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var orderId = LoanOrderIds.New();
        var application = order.ToApplication(orderId, synthetic: false);
        var verification = verifier.Verify(application.Customer, newVerificationEnabled: false);
        var stored = new LoanOrder(
            orderId, application.Uuid, application.Customer, TimeProvider.System.GetUtcNow(), application.Amount,
            application.InterestRate, application.Commission, application.Promotions,
            verification.Status == VerificationStatus.VerificationPassed ? LoanOrderStatus.Verified : LoanOrderStatus.Rejected);
        var state = new GrainState<LoanOrderState>(new LoanOrderState { Order = stored });
        await storage.WriteStateAsync("order", GrainIdOf(orderId), state);
        return TypedResults.Created($"/orders/{orderId}", stored.ToResponse());
    }

    private async Task<Results<Ok<LoanOrderResponse>, ProblemHttpResult>> Get(string id)
    {
        if (!Guid.TryParse(id, out var orderId))
        {
            return Problems.Invalid("id", "The order id must be a UUID.");
        }

        var order = await Read(orderId);
        return order is null ? Problems.NotFound($"There is no loan order {orderId}.") : TypedResults.Ok(order.ToResponse());
    }

    private static GrainId GrainIdOf(Guid orderId) => GrainId.Create("loanorder", orderId.ToString("N"));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        storage.Dispose();
    }
}
