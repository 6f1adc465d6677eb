using System.Globalization;
using System.Security.Claims;
using Loans.Api.Admin;
using Loans.Api.Features;
using Loans.Api.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Loans.Api.AdminConsole;

/// <summary>
/// The admin console at /admin/features: plain server-rendered HTML forms, post-redirect-get, a sign-in cookie,
/// and an anti-forgery token checked on every form post before anything is read or changed.
/// </summary>
public static partial class AdminConsoleApi
{
    public const string FeaturesPath = "/admin/features";
    public const int HistoryShown = 30;

    public static IEndpointRouteBuilder MapAdminConsole(this IEndpointRouteBuilder app)
    {
        var console = app.MapGroup("/admin").ExcludeFromDescription().AddEndpointFilter<ConsoleFormLimits>();
        console.MapGet("/", () => TypedResults.Redirect(FeaturesPath));
        console.MapGet("/console.css", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Text(ConsoleStylesheet.Css, "text/css; charset=utf-8");
        });
        console.MapGet("/sign-in", SignInPage);
        console.MapPost("/sign-in", SignIn)
            .RequireRateLimiting(AdminAccessExtensions.SignInRateLimit)
            .WithMetadata(new RateLimitProblem("Too many sign-in attempts.", "Wait a minute before trying again.", TimeSpan.FromMinutes(1)));
        console.MapPost("/sign-out", SignOut).RequireAuthorization(AdminAccessExtensions.ConsolePolicy);
        console.MapGet("/features", FeaturesPage).RequireAuthorization(AdminAccessExtensions.ConsolePolicy);
        console.MapPost("/features", ChangeToggle).RequireAuthorization(AdminAccessExtensions.ConsolePolicy);
        return app;
    }

    public static async Task<IResult> SignInPage(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? signedOut)
    {
        // The console's own cookie, not whoever the default scheme saw: a request with only the bearer key is not
        // signed in to the console, and sending it back to the console would loop.
        if ((await context.AuthenticateAsync(AdminAccessExtensions.ConsoleCookieScheme)).Succeeded)
        {
            return SeeOther(FeaturesPath);
        }

        return Html(context, AdminConsolePages.SignIn(antiforgery.GetAndStoreTokens(context), returnUrl, null, signedOut is null ? null : "Signed out."));
    }

    public static async Task<IResult> SignIn(HttpContext context, IAntiforgery antiforgery, AdminCredential credential, ConsoleSessions sessions, ILoggerFactory loggers)
    {
        if (await RejectForgery(context, antiforgery) is { } rejected)
        {
            return rejected;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = form["returnUrl"].ToString();
        if (!credential.MatchesSignIn(form["username"].ToString(), form["password"].ToString()))
        {
            LogSignInFailed(loggers.CreateLogger(typeof(AdminConsoleApi)), context.Connection.RemoteIpAddress?.ToString());
            return Html(context, AdminConsolePages.SignIn(antiforgery.GetAndStoreTokens(context), returnUrl, "Wrong user name or password.", null),
                StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, credential.Username), new Claim(ClaimTypes.Role, AdminAccessExtensions.AdministratorRole), .. sessions.NewSessionClaims()],
            AdminAccessExtensions.ConsoleCookieScheme);
        await context.SignInAsync(AdminAccessExtensions.ConsoleCookieScheme, new ClaimsPrincipal(identity));
        LogSignedIn(loggers.CreateLogger(typeof(AdminConsoleApi)), credential.Username);
        return SeeOther(IsConsolePath(returnUrl) ? returnUrl : FeaturesPath);
    }

    /// <summary>
    /// Only a path inside the console (else the sign-in page is an open redirect), in visible ASCII: CR, LF or
    /// non-ASCII cannot go into a Location header, and a crafted link must not break the victim's sign-in.
    /// </summary>
    internal static bool IsConsolePath(string returnUrl) =>
        returnUrl.StartsWith("/admin/", StringComparison.Ordinal)
        && !returnUrl.Contains('\\', StringComparison.Ordinal)
        && returnUrl.All(c => c is >= (char)0x21 and <= (char)0x7e);

    public static async Task<IResult> SignOut(HttpContext context, IAntiforgery antiforgery, ConsoleSessions sessions)
    {
        if (await RejectForgery(context, antiforgery) is { } rejected)
        {
            return rejected;
        }

        // Server-side first: a copy of this cookie (stolen, or in another tab) must stop working too.
        await sessions.EndAll(UserName(context));
        await context.SignOutAsync(AdminAccessExtensions.ConsoleCookieScheme);
        return SeeOther($"{AdminAccessExtensions.SignInPath}?signedOut=1");
    }

    public static Task<IResult> FeaturesPage(HttpContext context, IAntiforgery antiforgery, IClusterClient cluster) =>
        RenderFeatures(context, antiforgery, cluster, FlashMessage.Take(context), StatusCodes.Status200OK);

    /// <summary>One form for every change: <c>name</c>, <c>mode</c> (on, off, shadow, percentage), <c>percentage</c>, <c>reason</c>.</summary>
    public static async Task<IResult> ChangeToggle(HttpContext context, IAntiforgery antiforgery, IClusterClient cluster)
    {
        if (await RejectForgery(context, antiforgery) is { } rejected)
        {
            return rejected;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var name = form["name"].ToString().Trim();
        var reason = form["reason"].ToString().Trim();
        var mode = ParseMode(form["mode"].ToString());
        int? percentage = mode == FeatureToggleMode.Percentage
            ? int.TryParse(form["percentage"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1
            : null;
        var request = new FeaturesApi.SetFeatureToggleRequest(Enabled: null, mode, percentage, reason.Length == 0 ? null : reason);

        var errors = FeaturesApi.ChangeErrors(request);
        if (!FeaturesApi.IsToggleName(name))
        {
            errors["name"] = ["A toggle name is 1 to 64 upper-case letters, digits and underscores, starting with a letter, e.g. NEW_VERIFICATION."];
        }

        if (mode is null)
        {
            errors["mode"] = ["Choose on, off, shadow or percentage."];
            errors.Remove("enabled");
        }

        if (errors.Count > 0)
        {
            var message = $"Nothing changed. {string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}";
            return await RenderFeatures(context, antiforgery, cluster, new FlashMessage(message, IsError: true), StatusCodes.Status400BadRequest);
        }

        var change = new FeatureToggleChange(mode!.Value, percentage ?? 0, UserName(context), request.Reason);
        var (toggle, changed) = await cluster.GetGrain<IFeatureToggleGrain>(name).Set(change);
        var state = AdminConsolePages.Label(toggle.Mode, toggle.Percentage);
        new FlashMessage(changed ? $"{toggle.Name} is now {state}." : $"Nothing changed: {toggle.Name} is already {state}.", IsError: false).Store(context);
        return SeeOther(FeaturesPath);
    }

    private static async Task<IResult> RenderFeatures(HttpContext context, IAntiforgery antiforgery, IClusterClient cluster, FlashMessage? flash, int status)
    {
        var catalog = cluster.GetGrain<IFeatureCatalogGrain>(0);
        var toggles = await catalog.List();
        var history = await catalog.RecentHistory(HistoryShown);
        return Html(context, AdminConsolePages.Features(antiforgery.GetAndStoreTokens(context), UserName(context), toggles, history, flash), status);
    }

    private static FeatureToggleMode? ParseMode(string value) => value.ToLowerInvariant() switch
    {
        "on" => FeatureToggleMode.On,
        "off" => FeatureToggleMode.Off,
        "shadow" => FeatureToggleMode.Shadow,
        "percentage" => FeatureToggleMode.Percentage,
        _ => null,
    };

    /// <summary>400 for a form post without a valid anti-forgery token (or not a form at all); null when the post may go on.</summary>
    private static async Task<IResult?> RejectForgery(HttpContext context, IAntiforgery antiforgery)
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

    private static string UserName(HttpContext context) => context.User.Identity?.Name ?? "unknown";

    /// <summary>Post-redirect-get: 303 makes the browser fetch the page with GET, so a reload does not post again.</summary>
    private static IResult SeeOther(string location) => new SeeOtherResult(location);

    private static IResult Html(HttpContext context, string html, int status = StatusCodes.Status200OK)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin console sign-in failed from {RemoteAddress}")]
    private static partial void LogSignInFailed(ILogger logger, string? remoteAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Administrator {User} signed in to the admin console")]
    private static partial void LogSignedIn(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin console form post to {Path} rejected: missing or invalid anti-forgery token")]
    private static partial void LogForgeryRejected(ILogger logger, string path);
}
