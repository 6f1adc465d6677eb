using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Loans.Tests.AdminConsole;

/// <summary>Only a signed-in administrator, posting the console's own forms, changes anything.</summary>
[Collection(AdminConsoleCollection.Name)]
public class AdminConsoleAccessTests(AdminConsoleFixture fixture)
{
    private const string Toggle = "CONSOLE_ACCESS_PROBE";

    private static Dictionary<string, string> TurnOn(string name = Toggle) => new() { ["name"] = name, ["mode"] = "on", ["reason"] = "should not happen" };

    [Fact]
    public async Task An_unauthenticated_page_request_is_sent_to_sign_in()
    {
        using var client = fixture.NewConsoleClient();

        using var response = await client.Get("/admin/features");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/sign-in", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flip_posted_without_a_sign_in_is_sent_to_sign_in_and_changes_nothing()
    {
        var before = await State(Toggle);
        using var client = fixture.NewConsoleClient();
        (await client.Get("/admin/sign-in")).Dispose();

        using var response = await client.Submit("/admin/features", TurnOn());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/sign-in", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(before, await State(Toggle)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("forged-token")]
    public async Task A_signed_in_flip_without_a_valid_antiforgery_token_is_400_and_changes_nothing(string? token)
    {
        var before = await State(Toggle);
        using var client = fixture.NewConsoleClient();
        await client.SignInAsAdministrator();

        using var response = await client.Post("/admin/features", TurnOn(), token);

        await Problem.Assert(response, HttpStatusCode.BadRequest);
        Assert.True(JsonNode.DeepEquals(before, await State(Toggle)));
    }

    [Fact]
    public async Task A_token_from_another_session_is_400_and_changes_nothing()
    {
        var before = await State(Toggle);
        using var victim = fixture.NewConsoleClient();
        await victim.SignInAsAdministrator();
        using var attacker = fixture.NewConsoleClient();
        (await attacker.Get("/admin/sign-in")).Dispose();

        using var response = await victim.Post("/admin/features", TurnOn(), attacker.Token);

        await Problem.Assert(response, HttpStatusCode.BadRequest);
        Assert.True(JsonNode.DeepEquals(before, await State(Toggle)));
    }

    [Theory]
    [InlineData(AdminConsoleFixture.Username, "wrong-password-0123")]
    [InlineData("someone-else", AdminConsoleFixture.Password)]
    [InlineData(AdminConsoleFixture.Username, AdminCredentials.ApiKey)]
    public async Task A_wrong_user_name_or_password_does_not_sign_in(string username, string password)
    {
        using var client = fixture.NewConsoleClient();

        using var signIn = await client.SignIn(username, password);
        using var page = await client.Get("/admin/features");

        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        Assert.Contains("Wrong user name or password.", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task A_sign_in_without_an_antiforgery_token_is_400()
    {
        using var client = fixture.NewConsoleClient();

        using var response = await client.Post("/admin/sign-in",
            new Dictionary<string, string> { ["username"] = AdminConsoleFixture.Username, ["password"] = AdminConsoleFixture.Password }, token: null);

        await Problem.Assert(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_http_only_and_same_site_strict()
    {
        using var client = fixture.NewConsoleClient();

        using var response = await client.SignIn(AdminConsoleFixture.Username, AdminConsoleFixture.Password);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("loans-admin=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task After_sign_out_the_page_is_sent_to_sign_in_again()
    {
        using var client = fixture.NewConsoleClient();
        await client.SignInAsAdministrator();

        using var signOut = await client.Submit("/admin/sign-out", new Dictionary<string, string>());
        using var page = await client.Get("/admin/features");

        Assert.Equal(HttpStatusCode.SeeOther, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task The_json_api_with_a_wrong_key_is_401_and_changes_nothing()
    {
        var before = await State(Toggle);
        using var intruder = new HttpClient { BaseAddress = fixture.System.ApiAddress };
        intruder.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminConsoleFixture.Password);

        using var response = await intruder.PutAsJsonAsync($"/features/{Toggle}", new { enabled = true });

        await Problem.Assert(response, HttpStatusCode.Unauthorized);
        Assert.True(JsonNode.DeepEquals(before, await State(Toggle)));
    }

    [Fact]
    public async Task The_json_api_does_not_accept_the_console_cookie()
    {
        using var client = fixture.NewConsoleClient();
        await client.SignInAsAdministrator();
        using var withCookie = new HttpClient(new HttpClientHandler { CookieContainer = client.Cookies }) { BaseAddress = fixture.System.ApiAddress };

        using var response = await withCookie.GetAsync("/features");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("new_verification", "on", "", "name")]
    [InlineData("WITH-DASH", "on", "", "name")]
    [InlineData(Toggle, "sideways", "", "mode")]
    [InlineData(Toggle, "percentage", "101", "percentage")]
    [InlineData(Toggle, "percentage", "ten", "percentage")]
    public async Task A_flip_with_bad_input_is_400_names_the_field_and_changes_nothing(string name, string mode, string percentage, string field)
    {
        var before = await State(Toggle);
        using var client = fixture.NewConsoleClient();
        await client.SignInAsAdministrator();

        using var response = await client.Submit("/admin/features", new Dictionary<string, string> { ["name"] = name, ["mode"] = mode, ["percentage"] = percentage });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Nothing changed.", page, StringComparison.Ordinal);
        Assert.Contains($"{field}: ", page, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(before, await State(Toggle)));
    }

    [Fact]
    public async Task User_content_is_html_encoded()
    {
        using var client = fixture.NewConsoleClient();
        await client.SignInAsAdministrator();

        using var response = await client.Submit("/admin/features",
            new Dictionary<string, string> { ["name"] = "CONSOLE_ENCODING_PROBE", ["mode"] = "off", ["reason"] = "<script>alert(1)</script>" });
        var page = await client.Page("/admin/features");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.DoesNotContain("<script>alert(1)</script>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
    }

    private async Task<JsonObject> State(string name) =>
        (await fixture.Admin.GetFromJsonAsync<JsonObject>($"/features/{name}"))!;
}
