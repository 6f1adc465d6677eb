using Microsoft.AspNetCore.Antiforgery;
using static Loans.Api.AdminConsole.ConsoleHtml;

namespace Loans.Api.AdminConsole;

internal static class SignInPage
{
    public static string Render(AntiforgeryTokenSet tokens, string environment, string? returnUrl, string? error, string? notice) => Layout("Sign in", environment, $"""
        <main class="narrow">
          <h1>Feature toggles — sign in</h1>
          <p>{EnvironmentBadge(environment)}</p>
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
}
