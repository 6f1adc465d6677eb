using System.Security.Claims;
using Loans.Api.Admin;
using Loans.Api.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using static Loans.Api.AdminConsole.ConsoleResults;

namespace Loans.Api.AdminConsole;

/// <summary>
/// The admin console under /admin: plain server-rendered HTML forms, post-redirect-get, a sign-in cookie, and an
/// anti-forgery token checked on every form post before anything is read or changed. Viewers read every page;
/// only editors' posts change anything (a viewer's is 403).
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
        console.MapPost("/sign-out", SignOut).RequireAuthorization(AdminAccessExtensions.ConsoleViewerPolicy);
        console.MapGet("/features", ToggleConsole.ListPage).RequireAuthorization(AdminAccessExtensions.ConsoleViewerPolicy);
        console.MapGet("/features/{name}", ToggleConsole.TogglePage).RequireAuthorization(AdminAccessExtensions.ConsoleViewerPolicy);
        console.MapPost("/features", ToggleConsole.ChangeToggle).RequireAuthorization(AdminAccessExtensions.ConsoleEditorPolicy);
        console.MapPost("/features/{name}/details", ToggleConsole.EditDetails).RequireAuthorization(AdminAccessExtensions.ConsoleEditorPolicy);
        console.MapPost("/features/{name}/archive", (string name, HttpContext context, IAntiforgery antiforgery, IClusterClient cluster) =>
            ToggleConsole.Archive(name, archived: true, context, antiforgery, cluster)).RequireAuthorization(AdminAccessExtensions.ConsoleEditorPolicy);
        console.MapPost("/features/{name}/restore", (string name, HttpContext context, IAntiforgery antiforgery, IClusterClient cluster) =>
            ToggleConsole.Archive(name, archived: false, context, antiforgery, cluster)).RequireAuthorization(AdminAccessExtensions.ConsoleEditorPolicy);
        return app;
    }

    public static async Task<IResult> SignInPage(HttpContext context, IAntiforgery antiforgery, IHostEnvironment environment, string? returnUrl, string? signedOut)
    {
        // The console's own cookie, not whoever the default scheme saw: a request with only the bearer key is not
        // signed in to the console, and sending it back to the console would loop.
        if ((await context.AuthenticateAsync(AdminAccessExtensions.ConsoleCookieScheme)).Succeeded)
        {
            return SeeOther(FeaturesPath);
        }

        return Html(context, AdminConsole.SignInPage.Render(antiforgery.GetAndStoreTokens(context), environment.EnvironmentName, returnUrl, null, signedOut is null ? null : "Signed out."));
    }

    public static async Task<IResult> SignIn(
        HttpContext context, IAntiforgery antiforgery, IHostEnvironment environment, AdminCredential credential, ConsoleSessions sessions, ILoggerFactory loggers)
    {
        if (await RejectForgery(context, antiforgery) is { } rejected)
        {
            return rejected;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = form["returnUrl"].ToString();
        var username = form["username"].ToString();
        if (credential.SignIn(username, form["password"].ToString()) is not { } role)
        {
            LogSignInFailed(loggers.CreateLogger(typeof(AdminConsoleApi)), context.Connection.RemoteIpAddress?.ToString());
            return Html(context, AdminConsole.SignInPage.Render(antiforgery.GetAndStoreTokens(context), environment.EnvironmentName, returnUrl, "Wrong user name or password.", null),
                StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, username), new Claim(ClaimTypes.Role, AdminRoles.ClaimOf(role)), .. sessions.NewSessionClaims(username)],
            AdminAccessExtensions.ConsoleCookieScheme);
        await context.SignInAsync(AdminAccessExtensions.ConsoleCookieScheme, new ClaimsPrincipal(identity));
        LogSignedIn(loggers.CreateLogger(typeof(AdminConsoleApi)), username, AdminRoles.ClaimOf(role));
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

    internal static string UserName(HttpContext context) => context.User.Identity?.Name ?? "unknown";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin console sign-in failed from {RemoteAddress}")]
    private static partial void LogSignInFailed(ILogger logger, string? remoteAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} signed in to the admin console as {Role}")]
    private static partial void LogSignedIn(ILogger logger, string user, string role);
}
