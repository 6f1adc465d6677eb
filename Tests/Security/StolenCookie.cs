using Loans.Tests.AdminConsole;

namespace Loans.Tests.Security;

/// <summary>A copy of a signed-in console's cookie in another client: what an attacker holds after stealing it.</summary>
public static class StolenCookie
{
    public const string Name = "loans-admin";

    /// <summary>A new console client (at <paramref name="address"/>) that carries only the victim's sign-in cookie.</summary>
    public static ConsoleClient From(ConsoleClient victim, Uri victimAddress, Uri address)
    {
        var cookie = victim.Cookies.GetCookies(new Uri(victimAddress, "/admin/features"))[Name]
            ?? throw new Xunit.Sdk.XunitException("The victim has no sign-in cookie.");
        var thief = new ConsoleClient(address);
        thief.Cookies.Add(new Uri(address, "/admin/"), new Cookie(Name, cookie.Value, "/admin"));
        return thief;
    }

    /// <summary>The console page's status for this client: 200 while its session holds, a redirect to sign-in once it does not.</summary>
    public static async Task<HttpStatusCode> ConsoleStatus(this ConsoleClient client)
    {
        using var response = await client.Get("/admin/features");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/admin/sign-in", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        return response.StatusCode;
    }
}
