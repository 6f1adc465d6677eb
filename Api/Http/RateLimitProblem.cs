using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Loans.Api.Http;

/// <summary>
/// Endpoint metadata saying what a 429 from the rate limiter tells the client; one rejection handler answers for
/// every limited endpoint with problem details and <c>Retry-After</c>.
/// </summary>
public sealed record RateLimitProblem(string Title, string Detail, TimeSpan RetryAfter)
{
    public static void AnswerRejections(RateLimiterOptions limiter)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            var problem = http.GetEndpoint()?.Metadata.GetMetadata<RateLimitProblem>()
                ?? new RateLimitProblem("Too many requests.", "Slow down and try again.", TimeSpan.FromSeconds(1));
            // A token bucket knows when its next permit comes; otherwise the endpoint's own estimate.
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var known) ? known : problem.RetryAfter;
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = problem.Title,
                    Detail = problem.Detail,
                },
            });
        };
    }
}
