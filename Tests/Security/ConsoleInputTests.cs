using System.Net.Http.Headers;
using Loans.Tests.AdminConsole;

namespace Loans.Tests.Security;

/// <summary>
/// Findings 5, 6, 9 and 11 at the console: oversized forms are refused before they are read, a crafted returnUrl
/// does not break sign-in, no Host header is reflected, and the bearer key alone does not loop.
/// </summary>
[Collection(AdminConsoleCollection.Name)]
public class ConsoleInputTests(AdminConsoleFixture fixture)
{
    private const int Megabyte = 1024 * 1024;

    [Fact]
    public async Task An_anonymous_sign_in_post_with_a_5_mb_field_is_413()
    {
        using var client = fixture.NewConsoleClient();

        using var response = await client.Post("/admin/sign-in", new Dictionary<string, string> { ["username"] = new('a', 5 * Megabyte), ["password"] = "x" }, token: null);

        await Problem.Assert(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task An_anonymous_sign_in_post_with_2000_fields_is_400()
    {
        using var client = fixture.NewConsoleClient();
        var fields = Enumerable.Range(0, 2000).ToDictionary(i => $"f{i}", _ => "x");

        using var response = await client.Post("/admin/sign-in", fields, token: null);

        await Problem.Assert(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_anonymous_40_mb_sign_in_body_is_413_whether_its_length_is_declared_or_not(bool declared)
    {
        var answer = await RawHttpPost.Send(fixture.System.ApiAddress, "/admin/sign-in", "application/x-www-form-urlencoded", 40 * Megabyte, declared);

        Assert.Equal(413, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType?.Split(';')[0]);
        Assert.Contains("\"status\":413", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/features\r\nSet-Cookie: planted=1")]
    [InlineData("/admin/features\n")]
    [InlineData("/admin/fe\u0142atures")]
    [InlineData("/admin/\\\\evil.example")]
    public async Task A_crafted_return_url_does_not_break_sign_in_it_goes_to_the_console_home(string returnUrl)
    {
        using var client = fixture.NewConsoleClient();
        (await client.Get("/admin/sign-in")).Dispose();

        using var signIn = await client.Submit("/admin/sign-in", new Dictionary<string, string>
        {
            ["username"] = AdminConsoleFixture.Username,
            ["password"] = AdminConsoleFixture.Password,
            ["returnUrl"] = returnUrl,
        });

        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        Assert.Equal("/admin/features", signIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, await client.ConsoleStatus());
    }

    [Fact]
    public async Task A_safe_return_url_inside_the_console_is_still_followed()
    {
        using var client = fixture.NewConsoleClient();
        (await client.Get("/admin/sign-in")).Dispose();

        using var signIn = await client.Submit("/admin/sign-in", new Dictionary<string, string>
        {
            ["username"] = AdminConsoleFixture.Username,
            ["password"] = AdminConsoleFixture.Password,
            ["returnUrl"] = "/admin/features?from=link",
        });

        Assert.Equal("/admin/features?from=link", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_request_with_only_the_bearer_key_is_sent_to_sign_in_once_and_shown_the_form()
    {
        using var client = fixture.NewConsoleClient();
        var request = (string path) =>
        {
            var message = new HttpRequestMessage(HttpMethod.Get, path);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminCredentials.ApiKey);
            return message;
        };
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.System.ApiAddress };

        using var console = await http.SendAsync(request("/admin/features"));
        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        using var signIn = await http.SendAsync(request(console.Headers.Location!.OriginalString));

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("name=\"password\"", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reason_with_bidi_control_characters_is_refused_in_the_console_too()
    {
        const string toggle = "SECURITY_CONSOLE_BIDI_PROBE";
        using var client = fixture.NewConsoleClient();
        await client.SignInAsAdministrator();

        using var response = await client.Submit("/admin/features", new Dictionary<string, string> { ["name"] = toggle, ["mode"] = "on", ["reason"] = "\u202Egnp.exe" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("bidirectional control characters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False((await fixture.Admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/features/{toggle}"))!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_untrusted_host_header_is_reflected_neither_into_redirects_nor_into_the_openapi_document()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.System.ApiAddress };
        using var redirect = new HttpRequestMessage(HttpMethod.Get, "/admin/features");
        redirect.Headers.Host = "evil.example";
        using var document = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        document.Headers.Host = "evil.example";

        using var redirected = await http.SendAsync(redirect);
        using var openApi = await http.SendAsync(document);

        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal("/admin/sign-in?returnUrl=%2Fadmin%2Ffeatures", redirected.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.DoesNotContain("evil.example", await openApi.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
