using Loans.Grains.Interfaces;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Polly.Timeout;

namespace Loans.Api.Http;

/// <summary>
/// When the cluster cannot take a call (no silo reachable, a silo died mid-call, the call timed out) the
/// client should retry later: 503 with Retry-After, not a 500.
/// </summary>
internal sealed partial class ClusterUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<ClusterUnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // A cancellation while the client is still there is the request's deadline passing (Api:RequestTimeout).
        if (!IsUnavailable(exception) && !(exception is OperationCanceledException && !context.RequestAborted.IsCancellationRequested))
        {
            return false;
        }

        LogUnavailable(exception, context.Request.Method, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service is temporarily unavailable.",
                Detail = "The loan-order cluster or its storage could not complete the request in time (a silo may have just left the cluster). Retry after the time in Retry-After; send an Idempotency-Key to make the retry safe.",
            },
        });
    }

    private static bool IsUnavailable(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException
                or GatewayTooBusyException or TimeoutException or TimeoutRejectedException or StorageUnavailableException)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: cluster unavailable, answered 503")]
    private partial void LogUnavailable(Exception exception, string method, string path);
}
