using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using static Loans.Api.AdminConsole.ConsoleHtml;

namespace Loans.Api.AdminConsole;

/// <summary>
/// The console's answer when a signed-in viewer posts a change: 403 with a page that says why, instead of the cookie
/// handler's redirect to the sign-in page (which would read as "signed out"). Nothing is read or changed.
/// </summary>
internal static class ConsoleForbidden
{
    public static async Task Write(RedirectContext<CookieAuthenticationOptions> context)
    {
        var environment = context.HttpContext.RequestServices.GetRequiredService<IHostEnvironment>().EnvironmentName;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status403Forbidden;
        response.ContentType = "text/html; charset=utf-8";
        ConsoleResults.SecureHeaders(response.Headers);
        await response.WriteAsync(Layout("Not allowed", environment, $"""
            <main class="narrow">
              <h1>Not allowed</h1>
              <p>{EnvironmentBadge(environment)}</p>
              <p class="flash error" role="alert">You are signed in as <strong>{E(context.HttpContext.User.Identity?.Name ?? "unknown")}</strong>, a viewer: viewers read everything and change nothing. Nothing was changed.</p>
              <p><a href="/admin/features">Back to the toggles</a></p>
            </main>
            """));
    }
}
