using System.Text.RegularExpressions;

namespace Loans.Tests.AdminConsole;

/// <summary>
/// The admin console at the HTTP level: a cookie jar, no automatic redirects, and the anti-forgery token
/// taken from the last page read, so each test decides exactly what a form post carries.
/// </summary>
public sealed partial class ConsoleClient : IDisposable
{
    public const string TokenField = "__RequestVerificationToken";

    private readonly HttpClient http;

    public ConsoleClient(Uri address)
    {
        Cookies = new CookieContainer();
        http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public CookieContainer Cookies { get; }

    /// <summary>The anti-forgery token of the last page read.</summary>
    public string? Token { get; private set; }

    public async Task<HttpResponseMessage> Get(string path)
    {
        var response = await http.GetAsync(path);
        if (response.IsSuccessStatusCode)
        {
            var html = await response.Content.ReadAsStringAsync();
            if (TokenInput().Match(html) is { Success: true } match)
            {
                Token = WebUtility.HtmlDecode(match.Groups[1].Value);
            }
        }

        return response;
    }

    public async Task<string> Page(string path)
    {
        using var response = await Get(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts a form; the token is sent as given (null: none at all).</summary>
    public Task<HttpResponseMessage> Post(string path, IReadOnlyDictionary<string, string> fields, string? token) =>
        http.PostAsync(path, new FormUrlEncodedContent(token is null ? fields : new Dictionary<string, string>(fields) { [TokenField] = token }));

    /// <summary>Posts a form with the token of the last page read, as the console's own forms do.</summary>
    public Task<HttpResponseMessage> Submit(string path, IReadOnlyDictionary<string, string> fields) => Post(path, fields, Token);

    public async Task<HttpResponseMessage> SignIn(string username, string password)
    {
        (await Get("/admin/sign-in")).Dispose();
        return await Submit("/admin/sign-in", new Dictionary<string, string> { ["username"] = username, ["password"] = password });
    }

    /// <summary>Signs in with the fixture's credentials and reads the console, so <see cref="Token"/> belongs to the signed-in user.</summary>
    public async Task SignInAsAdministrator()
    {
        using var response = await SignIn(AdminConsoleFixture.Username, AdminConsoleFixture.Password);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        await Page("/admin/features");
    }

    /// <summary>Signs in as the fixture's viewer and reads the console.</summary>
    public async Task SignInAsViewer()
    {
        using var response = await SignIn(AdminConsoleFixture.ViewerUsername, AdminConsoleFixture.ViewerPassword);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        await Page("/admin/features");
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
