using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Loans.Api.Http;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Loans.Api.Admin;

public static partial class AdminAccessExtensions
{
    /// <summary>The JSON API's reading policy: any key (<c>Authorization: Bearer</c>), a viewer's or an editor's.</summary>
    public const string ViewerPolicy = "Viewer";

    /// <summary>The JSON API's changing policy: an editor's key; a viewer's key is 403.</summary>
    public const string EditorPolicy = "Editor";

    /// <summary>The admin console's reading policy: the sign-in cookie; unauthenticated requests are sent to the sign-in page.</summary>
    public const string ConsoleViewerPolicy = "ConsoleViewer";

    /// <summary>The admin console's changing policy: an editor's sign-in; a viewer's post is answered 403.</summary>
    public const string ConsoleEditorPolicy = "ConsoleEditor";
    public const string ConsoleCookieScheme = "AdminConsoleCookie";
    public const string SignInRateLimit = "admin-sign-in";
    public const string SignInPath = "/admin/sign-in";

    /// <summary>
    /// Guards the toggle endpoints with API keys, and the admin console with a sign-in cookie, both from section
    /// <c>Admin</c>; each credential is a viewer's (reads) or an editor's (reads and changes).
    /// </summary>
    public static WebApplicationBuilder AddAdminAccess(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AdminOptions.SectionName).Get<AdminOptions>() ?? new();
        builder.Services.AddSingleton(AdminCredential.From(options, builder.Environment.IsDevelopment()));
        builder.Services.AddSingleton(options);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ConsoleSessions>();
        // No default authenticate scheme: the authentication middleware would otherwise run the key's handler on
        // every request, public ones included (the largest share of the middleware's time in a warm-GET profile,
        // docs/performance.md), only to find no key. The policies name their scheme, so only the requests that
        // need a credential are authenticated; challenges and refusals still answer as the key's handler does.
        builder.Services.AddAuthentication(authentication =>
            {
                authentication.DefaultChallengeScheme = ApiKeyAuthenticationHandler.SchemeName;
                authentication.DefaultForbidScheme = ApiKeyAuthenticationHandler.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(ConsoleCookieScheme, cookie =>
            {
                cookie.Cookie.Name = "loans-admin";
                cookie.Cookie.Path = "/admin";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = options.SessionTimeout;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = SignInPath;
                cookie.AccessDeniedPath = SignInPath;
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<ConsoleSessions>().Validate(context),
                    OnRedirectToLogin = RedirectWithinSite,
                    OnRedirectToAccessDenied = AdminConsole.ConsoleForbidden.Write,
                };
            });
        builder.Services.AddAuthorizationBuilder()
            // Every policy names its scheme: nothing is authenticated by default (see AddAuthentication above).
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build())
            .AddPolicy(ViewerPolicy, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(AdminRoles.Viewer, AdminRoles.Editor))
            .AddPolicy(EditorPolicy, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(AdminRoles.Editor))
            .AddPolicy(ConsoleViewerPolicy, policy => policy.AddAuthenticationSchemes(ConsoleCookieScheme).RequireRole(AdminRoles.Viewer, AdminRoles.Editor))
            .AddPolicy(ConsoleEditorPolicy, policy => policy.AddAuthenticationSchemes(ConsoleCookieScheme).RequireRole(AdminRoles.Editor));
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "loans-admin-antiforgery";
            antiforgery.Cookie.Path = "/admin";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            RateLimitProblem.AnswerRejections(limiter);
        });
        return builder;
    }

    /// <summary>
    /// A path, not the absolute URL the cookie handler builds from the request's Host header: an untrusted Host
    /// must not be reflected into a redirect.
    /// </summary>
    private static Task RedirectWithinSite(RedirectContext<CookieAuthenticationOptions> context)
    {
        var target = Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : context.RedirectUri;
        context.Response.Redirect(target);
        return Task.CompletedTask;
    }

    /// <summary>In Development without a configured key, prints the generated one once, so the demo can use it.</summary>
    public static void AnnounceGeneratedAdminKey(this WebApplication app)
    {
        var credential = app.Services.GetRequiredService<AdminCredential>();
        if (credential.Generated)
        {
            LogGeneratedKey(app.Logger, credential.ApiKey);
            if (credential.PasswordIsApiKey)
            {
                LogConsoleSignIn(app.Logger, credential.Username);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Admin:ApiKey configured; for this Development run the administrator key is: {ApiKey}  (use: export ADMIN_API_KEY={ApiKey})")]
    private static partial void LogGeneratedKey(ILogger logger, string apiKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Admin:Password configured either: sign in to the admin console at /admin/sign-in as '{Username}' with that key as the password")]
    private static partial void LogConsoleSignIn(ILogger logger, string username);
}
