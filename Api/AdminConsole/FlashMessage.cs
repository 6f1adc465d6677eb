using Microsoft.AspNetCore.DataProtection;

namespace Loans.Api.AdminConsole;

/// <summary>
/// The result of a change, carried across the post-redirect-get in a short-lived cookie. The cookie is
/// data-protected, so nobody can plant a fake "toggle switched off" message with a crafted link or cookie.
/// </summary>
public sealed record FlashMessage(string Text, bool IsError)
{
    private const string CookieName = "loans-admin-flash";
    private const string Purpose = "Loans.AdminConsole.Flash";

    public void Store(HttpContext context)
    {
        var protector = context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        context.Response.Cookies.Append(CookieName, protector.Protect((IsError ? "E" : "I") + Text), new CookieOptions
        {
            Path = "/admin",
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromMinutes(1),
        });
    }

    /// <summary>Reads the message once: the cookie is removed, so a reload does not show it again.</summary>
    public static FlashMessage? Take(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value))
        {
            return null;
        }

        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/admin" });
        try
        {
            var text = context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(value);
            return text.Length == 0 ? null : new FlashMessage(text[1..], text[0] == 'E');
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // A tampered or stale cookie (keys rotated): show nothing rather than fail the page.
            return null;
        }
    }
}
