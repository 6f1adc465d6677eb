using Loans.Api.Http;
using Loans.Api.Orders;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Loans.Tests.Fuzz;

/// <summary>
/// The API's own request parsing and validation, run in-process: the fuzz target, and the oracle that
/// keeps accidentally valid mutations out of the malformed corpus.
/// </summary>
public static class ParsingOracle
{
    private static readonly JsonBody Body = CreateBody();

    /// <summary>True when the API would accept these bytes as an order; throws what the API would throw.</summary>
    public static bool Accepts(byte[] data, string contentType = "application/json")
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(data, writable: false);
        context.Request.ContentLength = data.Length;
        var parsed = Body.Read<LoanOrderRequest>(context.Request, CancellationToken.None).GetAwaiter().GetResult();
        if (parsed.Value is not { } order)
        {
            return false;
        }

        if (LoanOrderValidator.Validate(order).Count > 0)
        {
            return false;
        }

        // The mapping runs on every accepted order; it must not throw on anything the validator let through.
        _ = order.ToApplication(Guid.NewGuid(), synthetic: false);
        return true;
    }

    private static JsonBody CreateBody()
    {
        var json = new JsonOptions();
        ApiJson.Configure(json.SerializerOptions);
        return new JsonBody(Options.Create(json), Options.Create(new RequestLimits()));
    }
}
