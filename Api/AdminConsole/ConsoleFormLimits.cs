using Loans.Api.Admin;
using Microsoft.AspNetCore.Http.Features;

namespace Loans.Api.AdminConsole;

/// <summary>
/// Every console form post is read here, under the console's own limits, before anti-forgery or credentials
/// look at it: a body over <c>Admin:MaxFormBytes</c> is 413 (declared or discovered while reading), too many
/// or too long fields are 400, both as problem details. Kestrel's defaults (30 MB body, 4 MB field, 1,024
/// fields) would let an anonymous client make the server read and buffer megabytes, and answered 500.
/// </summary>
internal sealed class ConsoleFormLimits(AdminOptions options) : IEndpointFilter
{
    public const int MaxFields = 16;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            return await next(invocation);
        }

        var limit = options.MaxFormBytes;
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        context.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
        {
            ValueCountLimit = MaxFields,
            KeyLengthLimit = 256,
            ValueLengthLimit = limit,
            MultipartBodyLengthLimit = limit,
            MultipartHeadersLengthLimit = 4 * 1024,
            MultipartBoundaryLengthLimit = 128,
        }));
        try
        {
            await request.ReadFormAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException && !context.RequestAborted.IsCancellationRequested)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The form is malformed.",
                detail: $"A console form has at most {MaxFields} fields, each within {limit} bytes. Nothing was changed.");
        }

        return await next(invocation);
    }

    private static IResult TooLarge(int limit) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The form is too large.",
        detail: $"A console form post must not exceed {limit} bytes. Nothing was changed.");
}
