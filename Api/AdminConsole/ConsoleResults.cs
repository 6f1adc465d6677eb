using Microsoft.AspNetCore.Antiforgery;

namespace Loans.Api.AdminConsole;

/// <summary>How the console answers: HTML under a strict policy, post-redirect-get, and its form-post checks.</summary>
internal static partial class ConsoleResults
{
    public static void SecureHeaders(IHeaderDictionary headers)
    {
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
    }

    public static IResult Html(HttpContext context, string html, int status = StatusCodes.Status200OK)
    {
        SecureHeaders(context.Response.Headers);
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>Post-redirect-get: 303 makes the browser fetch the page with GET, so a reload does not post again.</summary>
    public static IResult SeeOther(string location) => new SeeOtherResult(location);

    /// <summary>400 for a form post without a valid anti-forgery token (or not a form at all); null when the post may go on.</summary>
    public static async Task<IResult?> RejectForgery(HttpContext context, IAntiforgery antiforgery)
    {
        if (!context.Request.HasFormContentType)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported content type.",
                detail: $"Post the console's form as application/x-www-form-urlencoded (got '{context.Request.ContentType ?? "none"}').");
        }

        if (await antiforgery.IsRequestValidAsync(context))
        {
            return null;
        }

        LogForgeryRejected(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminConsoleApi)), context.Request.Path);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid anti-forgery token.",
            detail: "The form is stale or did not come from the admin console; reload the page and try again. Nothing was changed.");
    }

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            httpContext.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin console form post to {Path} rejected: missing or invalid anti-forgery token")]
    private static partial void LogForgeryRejected(ILogger logger, string path);
}
