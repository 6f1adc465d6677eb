using System.Text.Json;
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
    public static Task Write(HttpContext context, HealthReport report)
    {
        if (context.User.IsInRole(AdminRoles.Viewer) || context.User.IsInRole(AdminRoles.Editor))
        {
            return HealthResponse.Write(context, report);
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString() }));
    }
}
