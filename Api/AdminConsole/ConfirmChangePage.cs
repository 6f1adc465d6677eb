using static Loans.Api.AdminConsole.ConsoleHtml;

namespace Loans.Api.AdminConsole;

/// <summary>
/// The step between a click and a big change in Production (fully on, or above 50 %): a page that says what will
/// happen and posts the same change again with <c>confirm=yes</c>. A form, not a script dialog, so it works without JavaScript.
/// </summary>
internal static class ConfirmChangePage
{
    /// <summary>Whether a change needs confirming: in Production, switching fully on or to more than half the customers.</summary>
    public static bool Needed(ConsoleView view, FeatureToggleMode mode, int? percentage) =>
        view.IsProduction && (mode == FeatureToggleMode.On || (mode == FeatureToggleMode.Percentage && percentage > 50));

    public static string Render(ConsoleView view, IReadOnlyDictionary<string, string> fields, string name, string label, string returnTo) =>
        Layout("Confirm change", view.Environment, $"""
            {Header(view, "Confirm change")}
            <main class="narrow-wide">
              <section class="card confirm" aria-labelledby="confirm">
                <h2 id="confirm">Switch <code>{E(name)}</code> to {E(label)} in {E(view.Environment)}?</h2>
                <p>The very next order on every silo is decided by the new state: {(label == "on" ? "every customer" : $"{E(label.Replace("percentage ", "", StringComparison.Ordinal))} of customers")} will get the feature.</p>
                <form method="post" action="/admin/features" class="change">
                  {Token(view.Tokens)}
                  {string.Concat(fields.Select(f => Hidden(f.Key, f.Value)))}
                  {Hidden("confirm", "yes")}
                  <button type="submit" class="primary">Yes, switch to {E(label)}</button>
                  <a href="{E(returnTo)}">Cancel</a>
                </form>
              </section>
            </main>
            """);
}
