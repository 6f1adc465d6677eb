using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Loans.Api.Features;
using Microsoft.AspNetCore.Antiforgery;

namespace Loans.Api.AdminConsole;

/// <summary>The console's server-rendered HTML. Every value that comes from a user or the store goes through <see cref="E"/>.</summary>
internal static class AdminConsolePages
{
    public static string SignIn(AntiforgeryTokenSet tokens, string? returnUrl, string? error, string? notice) => Layout("Sign in", $"""
        <main class="narrow">
          <h1>Feature toggles — sign in</h1>
          {Flash(error is null ? notice is null ? null : new FlashMessage(notice, false) : new FlashMessage(error, true))}
          <form method="post" action="/admin/sign-in" class="card">
            {Token(tokens)}
            <input type="hidden" name="returnUrl" value="{E(returnUrl ?? "")}">
            <label>User name <input name="username" autocomplete="username" required autofocus></label>
            <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
            <button type="submit" class="primary">Sign in</button>
          </form>
        </main>
        """);

    public static string Features(
        AntiforgeryTokenSet tokens, string user, IReadOnlyList<FeatureToggle> toggles, IReadOnlyList<FeatureToggleChangeRecord> history, FlashMessage? flash)
    {
        var rows = new StringBuilder();
        foreach (var toggle in toggles)
        {
            rows.Append(CultureInfo.InvariantCulture, $"""
                <tr data-toggle="{E(toggle.Name)}">
                  <th scope="row"><code>{E(toggle.Name)}</code></th>
                  <td class="state"><span class="badge {toggle.Mode.ToString().ToLowerInvariant()}" data-state="{E(toggle.Describe())}">{E(Label(toggle.Mode, toggle.Percentage))}</span></td>
                  <td class="changed">{(toggle.UpdatedAt is { } at ? $"{E(Time(at))}<br><span class=\"who\">by {E(toggle.UpdatedBy ?? "unknown")}</span>" : "<span class=\"muted\">never changed</span>")}</td>
                  <td>{ChangeForm(tokens, toggle)}</td>
                </tr>
                """);
        }

        var changes = new StringBuilder();
        foreach (var change in history)
        {
            changes.Append(CultureInfo.InvariantCulture, $"""
                <tr>
                  <td class="time">{E(Time(change.ChangedAt))}</td>
                  <td><code>{E(change.Name)}</code></td>
                  <td class="transition">{E(change.OldState ?? "(new)")} → {E(change.NewState)}</td>
                  <td class="who">{E(change.ChangedBy)}</td>
                  <td class="reason">{E(change.Reason ?? "")}</td>
                </tr>
                """);
        }

        return Layout("Feature toggles", $"""
            <header>
              <h1>Feature toggles</h1>
              <form method="post" action="/admin/sign-out" class="sign-out">
                {Token(tokens)}
                <span>Signed in as <strong>{E(user)}</strong></span>
                <button type="submit">Sign out</button>
              </form>
            </header>
            <main>
              {Flash(flash)}
              <section>
                <table class="toggles">
                  <thead><tr><th>Toggle</th><th>State</th><th>Last changed</th><th>Change</th></tr></thead>
                  <tbody>
                  {(toggles.Count == 0 ? "<tr><td colspan=\"4\" class=\"muted\">No toggles stored yet.</td></tr>" : rows)}
                  </tbody>
                </table>
              </section>
              <section class="card">
                <h2>New toggle</h2>
                <form method="post" action="/admin/features" class="create">
                  {Token(tokens)}
                  <label>Name <input name="name" required pattern="[A-Z][A-Z0-9_]{"{0,63}"}" placeholder="MY_FEATURE" title="Upper-case letters, digits and underscores, starting with a letter"></label>
                  <label>State
                    <select name="mode">
                      <option value="off">off</option><option value="shadow">shadow</option><option value="percentage">percentage</option><option value="on">on</option>
                    </select>
                  </label>
                  <label>Percentage <input name="percentage" type="number" min="0" max="100" value="0" class="percent"></label>
                  <label class="grow">Reason <input name="reason" maxlength="{FeaturesApi.MaxReasonLength}" placeholder="optional"></label>
                  <button type="submit" class="primary">Create</button>
                </form>
              </section>
              <section>
                <h2>Recent changes</h2>
                <table class="history">
                  <thead><tr><th>Time (UTC)</th><th>Toggle</th><th>Change</th><th>Who</th><th>Reason</th></tr></thead>
                  <tbody>
                  {(history.Count == 0 ? "<tr><td colspan=\"5\" class=\"muted\">No changes yet.</td></tr>" : changes)}
                  </tbody>
                </table>
              </section>
              <section class="legend">
                <h2>Modes</h2>
                <dl>
                  <dt><span class="badge off">off</span></dt><dd>Nobody gets the feature.</dd>
                  <dt><span class="badge shadow">shadow</span></dt><dd>Evaluated for every order and measured, never acted on.</dd>
                  <dt><span class="badge percentage">percentage N%</span></dt><dd>A stable N% of customers (by a hash of their uuid) get the feature.</dd>
                  <dt><span class="badge on">on</span></dt><dd>Everybody gets the feature.</dd>
                </dl>
              </section>
            </main>
            """);
    }

    /// <summary>The state as the console shows it: off, shadow, percentage N%, on.</summary>
    public static string Label(FeatureToggleMode mode, int percentage) => mode switch
    {
        FeatureToggleMode.Percentage => $"percentage {percentage}%",
        _ => mode.ToString().ToLowerInvariant(),
    };

    private static string ChangeForm(AntiforgeryTokenSet tokens, FeatureToggle toggle) => $"""
        <form method="post" action="/admin/features" class="change">
          {Token(tokens)}
          <input type="hidden" name="name" value="{E(toggle.Name)}">
          <!-- Enter in the reason field submits the form's first button; a disabled one makes that do nothing. -->
          <button type="submit" disabled hidden aria-hidden="true"></button>
          <input name="reason" maxlength="{FeaturesApi.MaxReasonLength}" placeholder="reason (optional)" aria-label="Reason for changing {E(toggle.Name)}">
          <button type="submit" name="mode" value="on" formnovalidate class="on">On</button>
          <button type="submit" name="mode" value="off" formnovalidate class="off">Off</button>
          <button type="submit" name="mode" value="shadow" formnovalidate class="shadow">Shadow</button>
          <input name="percentage" type="number" min="0" max="100" value="{(toggle.Mode == FeatureToggleMode.Percentage ? toggle.Percentage : 10).ToString(CultureInfo.InvariantCulture)}" class="percent" aria-label="Percentage for {E(toggle.Name)}">
          <button type="submit" name="mode" value="percentage" class="percentage">Set %</button>
        </form>
        """;

    private static string Flash(FlashMessage? flash) => flash is null
        ? ""
        : $"<p class=\"flash {(flash.IsError ? "error" : "ok")}\" role=\"{(flash.IsError ? "alert" : "status")}\">{E(flash.Text)}</p>";

    private static string Token(AntiforgeryTokenSet tokens) =>
        $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken ?? "")}\">";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string E(string value) => HtmlEncoder.Default.Encode(value);

    private static string Layout(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{E(title)} — Loans admin</title>
          <link rel="stylesheet" href="/admin/console.css">
        </head>
        <body>
        {body}
        </body>
        </html>
        """;
}
