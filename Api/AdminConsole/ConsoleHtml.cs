using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace Loans.Api.AdminConsole;

/// <summary>Who is looking at a console page, what they may do, and where the console runs.</summary>
internal sealed record ConsoleView(AntiforgeryTokenSet Tokens, string User, bool CanEdit, string Environment)
{
    public bool IsProduction => Environment.Equals("Production", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The pieces every console page is made of. Every value that comes from a user or the store goes through
/// <see cref="E"/>; pages have one h1, labelled controls and no script, so they work without JavaScript and pass
/// the accessibility check.
/// </summary>
internal static class ConsoleHtml
{
    public static string Layout(string title, string environment, string body) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{E(title)} — Loans admin ({E(environment)})</title>
          <link rel="stylesheet" href="/admin/console.css">
        </head>
        <body>
        {body}
        </body>
        </html>
        """;

    /// <summary>The page header: the title, the environment badge, who is signed in with which role, and sign-out.</summary>
    public static string Header(ConsoleView view, string heading) => $"""
        <header>
          <div class="title">
            <h1>{E(heading)}</h1>
            {EnvironmentBadge(view.Environment)}
          </div>
          <nav aria-label="Console"><a href="/admin/features">All toggles</a></nav>
          <form method="post" action="/admin/sign-out" class="sign-out">
            {Token(view.Tokens)}
            <span>Signed in as <strong>{E(view.User)}</strong> <span class="role">({(view.CanEdit ? "editor" : "viewer, read-only")})</span></span>
            <button type="submit">Sign out</button>
          </form>
        </header>
        """;

    /// <summary>Which environment these toggles belong to, on every page, so nobody flips Production thinking it is a test.</summary>
    public static string EnvironmentBadge(string environment) =>
        $"<span class=\"env env-{(environment.Equals("Production", StringComparison.OrdinalIgnoreCase) ? "production" : "other")}\" data-environment=\"{E(environment)}\"><span class=\"visually-hidden\">Environment: </span>{E(environment)}</span>";

    /// <summary>The state as the console shows it: off, shadow, percentage N%, on (archived toggles say so).</summary>
    public static string Label(FeatureToggleMode mode, int percentage) => mode switch
    {
        FeatureToggleMode.Percentage => $"percentage {percentage}%",
        _ => mode.ToString().ToLowerInvariant(),
    };

    public static string StateBadge(FeatureToggle toggle) => toggle.Archived
        ? $"<span class=\"badge archived\" data-state=\"{E(toggle.Describe())}\">archived</span>"
        : $"<span class=\"badge {toggle.Mode.ToString().ToLowerInvariant()}\" data-state=\"{E(toggle.Describe())}\">{E(Label(toggle.Mode, toggle.Percentage))}</span>";

    public static string Flash(FlashMessage? flash) => flash is null
        ? ""
        : $"<p class=\"flash {(flash.IsError ? "error" : "ok")}\" role=\"{(flash.IsError ? "alert" : "status")}\">{E(flash.Text)}</p>";

    public static string Token(AntiforgeryTokenSet tokens) =>
        $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken ?? "")}\">";

    public static string Hidden(string name, string? value) => $"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value ?? "")}\">";

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? at, string none) => at is { } value ? E(Time(value)) : $"<span class=\"muted\">{E(none)}</span>";

    public static string E(string value) => HtmlEncoder.Default.Encode(value);

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
