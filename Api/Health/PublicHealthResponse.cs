using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Loans.Api.Admin;
using Loans.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Loans.Api.Health;

/// <summary>
/// The API's health answers share the public port with customers, so a stranger learns ready or not ready and
/// nothing else: no silo endpoint, no exception text. A request with the administrator key
/// (<c>Authorization: Bearer</c>, a viewer's or an editor's) gets each check's status, description and data, as the silo's own port shows.
/// </summary>
internal static class PublicHealthResponse
{
    public static async Task Write(HttpContext context, HealthReport report)
    {
        // Public requests are not authenticated on their way in (no default scheme): the key is checked here.
        var key = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
        if (key.Principal is { } principal && (principal.IsInRole(AdminRoles.Viewer) || principal.IsInRole(AdminRoles.Editor)))
        {
            await HealthResponse.Write(context, report);
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString() }));
    }
}
