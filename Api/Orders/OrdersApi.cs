using System.Text.Json;
using Loans.Api.Http;
using Loans.Api.Resilience;
using Loans.Grains.Interfaces.Idempotency;

namespace Loans.Api.Orders;

public static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/orders").WithTags("Loan orders");
        orders.MapPost("/", SubmitOrder)
            .RequireRateLimiting(OrderRateLimitExtensions.PolicyName)
            .WithMetadata(OrderRateLimitExtensions.Rejected)
            .Accepts<LoanOrderRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Verify the customer and store a loan order")
            .WithDescription("Send an Idempotency-Key header to make retries safe: the same key and body return the first result. "
                + "Keys are shared by all clients: use a fresh random UUID per order, never a guessable value.");
        orders.MapGet("/{id}", GetOrder)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A stored loan order with its status");
        return app;
    }

    public static async Task<Results<Created<LoanOrderResponse>, ProblemHttpResult>> SubmitOrder(
        HttpRequest request, HttpResponse response, JsonBody body, IClusterClient cluster, ClusterCalls calls, CancellationToken cancellationToken)
    {
        var (key, keyError) = IdempotencyKey.From(request);
        if (keyError is not null)
        {
            return Problems.Invalid(IdempotencyKey.HeaderName, keyError);
        }

        var (synthetic, syntheticError) = SyntheticTraffic.From(request);
        if (syntheticError is not null)
        {
            return Problems.Invalid(SyntheticTraffic.HeaderName, syntheticError);
        }

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

        // The id is chosen here, before any grain call, so every attempt of this request (and a client's retry
        // with the same Idempotency-Key) submits the same order, which the grain stores at most once.
        var orderId = LoanOrderIds.New();
        var submits = new WriteAttempts();
        try
        {
            if (key is not null)
            {
                var fingerprint = IdempotencyKey.Fingerprint(JsonSerializer.SerializeToUtf8Bytes(new { order, synthetic }, body.SerializerOptions));
                var proposed = orderId;
                var claim = await calls.Run(work => cluster.ReferenceTo<IIdempotencyKeyGrain>(key).Claim(fingerprint, proposed, work), cancellationToken);
                if (claim.Outcome == IdempotencyClaimOutcome.Mismatch)
                {
                    return TypedResults.Problem(
                        statusCode: StatusCodes.Status422UnprocessableEntity,
                        title: "Idempotency-Key reused with a different request.",
                        // Keys are global, so the answer names no order: a stranger who guessed a key must learn nothing by it.
                        detail: "The key was first used for a different request. Use a new key for a new order.");
                }

                // A claim this request's own retried attempt made answers with the id proposed here: not a replay.
                response.Headers["Idempotent-Replayed"] = claim.Outcome == IdempotencyClaimOutcome.Replayed && claim.OrderId != proposed ? "true" : "false";
                orderId = claim.OrderId;
            }

            var application = order.ToApplication(orderId, synthetic);
            var target = cluster.ReferenceTo<ILoanOrderGrain>(orderId);
            var stored = await calls.Run(work => target.Submit(application, work), cancellationToken, submits);
            return TypedResults.Created($"/orders/{stored.Id}", stored.ToResponse());
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
            && (exception is OperationCanceledException || TransientClusterFailures.Is(exception)))
        {
            return OrderNotAcknowledged.Answer(response, orderId, submits.MayHaveWritten);
        }
    }

    public static async Task<Results<Ok<LoanOrderResponse>, ProblemHttpResult>> GetOrder(
        string id, IClusterClient cluster, ClusterCalls calls, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var orderId))
        {
            return Problems.Invalid("id", "The order id must be a UUID such as 3f2c8a54-5b1e-4c47-9d7a-2f1c6a0b9e11.");
        }

        var grain = cluster.ReferenceTo<ILoanOrderGrain>(orderId);
        var order = await calls.Run(work => grain.Get(work), cancellationToken);
        return order is null
            ? Problems.NotFound($"There is no loan order {orderId}.")
            : TypedResults.Ok(order.ToResponse());
    }
}
