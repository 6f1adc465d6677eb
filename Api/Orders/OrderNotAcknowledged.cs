namespace Loans.Api.Orders;

/// <summary>
/// The 503 answers of <c>POST /orders</c> when its deadline (<c>Api:RequestTimeout</c>) passed without a stored
/// order. Each says what the client needs to know next: whether the order might exist, and under which id.
/// </summary>
public static class OrderNotAcknowledged
{
    /// <summary>The <c>outcome</c> member: nothing was stored, nor will be.</summary>
    public const string NotStored = "not_stored";

    /// <summary>The <c>outcome</c> member: a write was under way at the deadline; <c>orderId</c> names the order.</summary>
    public const string Unknown = "unknown";

    public static ProblemHttpResult Answer(HttpResponse response, Guid orderId, bool mayHaveBeenStored)
    {
        response.Headers.RetryAfter = "1";
        return mayHaveBeenStored
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The order may have been stored.",
                detail: $"The request's time ran out while order {orderId} was being stored. GET /orders/{orderId} says whether it was; "
                    + "a retry with the same Idempotency-Key returns it if it was and stores it if it was not. Without a key, look before you send it again.",
                extensions: new Dictionary<string, object?>
                {
                    ["outcome"] = Unknown,
                    ["orderId"] = orderId,
                    ["orderLocation"] = $"/orders/{orderId}",
                })
            : TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The order was not stored.",
                detail: "The service could not store the order in time and nothing of it was stored. Retry after the time in Retry-After.",
                extensions: new Dictionary<string, object?> { ["outcome"] = NotStored });
    }
}
