using Loans.Tests.AdminConsole;

namespace Loans.Tests.Security;

/// <summary>
/// Finding 7: behind a TLS-terminating proxy the API knows the client used HTTPS: console cookies are Secure and
/// HSTS is sent. A client that is not a trusted proxy cannot claim HTTPS by sending the header itself.
/// </summary>
public static class ForwardedHttps
{
    public const string PublicHost = "loans.example";

    /// <summary>The sign-in page as a proxy forwards it after terminating TLS for <see cref="PublicHost"/>.</summary>
    public static async Task<HttpResponseMessage> SignInPage(Uri api)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = api };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/sign-in");
        request.Headers.Host = PublicHost;
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.20");
        return await http.SendAsync(request);
    }

    public static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
}

[Collection(HardenedSystemCollection.Name)]
public class TrustedProxyTests(HardenedSystemFixture fixture)
{
    [Fact]
    public async Task An_https_request_forwarded_by_a_trusted_proxy_gets_hsts_and_secure_cookies()
    {
        using var response = await ForwardedHttps.SignInPage(fixture.System.ApiAddress);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
        var antiforgery = Assert.Single(ForwardedHttps.SetCookies(response), c => c.StartsWith("loans-admin-antiforgery=", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_console_cookie_is_secure_when_the_sign_in_came_over_https()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = fixture.System.ApiAddress };
        using var page = await ForwardedHttps.SignInPage(fixture.System.ApiAddress);
        var antiforgery = ForwardedHttps.SetCookies(page).Single(c => c.StartsWith("loans-admin-antiforgery=", StringComparison.Ordinal)).Split(';')[0];
        var token = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/admin/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = HardenedSystemFixture.Username,
                ["password"] = HardenedSystemFixture.Password,
                [ConsoleClient.TokenField] = WebUtility.HtmlDecode(token),
            }),
        };
        signIn.Headers.Host = ForwardedHttps.PublicHost;
        signIn.Headers.Add("X-Forwarded-Proto", "https");
        signIn.Headers.Add("Cookie", antiforgery);

        using var response = await http.SendAsync(signIn);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var session = Assert.Single(ForwardedHttps.SetCookies(response), c => c.StartsWith($"{StolenCookie.Name}=", StringComparison.Ordinal));
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
    }
}

[Collection(AdminConsoleCollection.Name)]
public class UntrustedProxyTests(AdminConsoleFixture fixture)
{
    [Fact]
    public async Task A_client_that_is_no_trusted_proxy_cannot_claim_https()
    {
        using var response = await ForwardedHttps.SignInPage(fixture.System.ApiAddress);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        var antiforgery = Assert.Single(ForwardedHttps.SetCookies(response), c => c.StartsWith("loans-admin-antiforgery=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }
}
