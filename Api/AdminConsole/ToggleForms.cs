using System.Globalization;
using Loans.Api.Features;
using static Loans.Api.AdminConsole.ConsoleHtml;

namespace Loans.Api.AdminConsole;

/// <summary>The forms that change a toggle, shown to editors only; each says where to come back to after the change.</summary>
internal static class ToggleForms
{
    /// <summary>
    /// The mode buttons; the current mode's button is marked pressed (aria-pressed), so it is heard as well as seen.
    /// A change replaces the whole state, window included, so the form always sends the toggle's window: as fields to
    /// edit on the toggle's page (<paramref name="editWindow"/>), as hidden ones in the list, where a click on a mode
    /// must not drop it.
    /// </summary>
    public static string Change(ConsoleView view, FeatureToggle toggle, string returnTo, bool editWindow = false) => $"""
        <form method="post" action="/admin/features" class="change">
          {Token(view.Tokens)}
          {Hidden("name", toggle.Name)}
          {Hidden("return", returnTo)}
          <!-- Enter in the reason field submits the form's first button; a disabled one makes that do nothing. -->
          <button type="submit" disabled hidden aria-hidden="true"></button>
          <input name="reason" maxlength="{FeatureValidation.MaxReasonLength}" placeholder="reason (optional)" aria-label="Reason for changing {E(toggle.Name)}">
          {ModeButton(toggle, FeatureToggleMode.On, "On")}
          {ModeButton(toggle, FeatureToggleMode.Off, "Off")}
          {ModeButton(toggle, FeatureToggleMode.Shadow, "Shadow")}
          <input name="percentage" type="number" min="0" max="100" value="{(toggle.Mode == FeatureToggleMode.Percentage ? toggle.Percentage : 10).ToString(CultureInfo.InvariantCulture)}" class="percent" aria-label="Percentage for {E(toggle.Name)}">
          <button type="submit" name="mode" value="percentage" class="percentage" aria-pressed="{Pressed(toggle, FeatureToggleMode.Percentage)}">Set %</button>
          {(editWindow ? WindowFields(toggle.ActiveFrom, toggle.ActiveUntil) : Hidden(ActiveFromField, Bound(toggle.ActiveFrom)) + Hidden(ActiveUntilField, Bound(toggle.ActiveUntil)))}
        </form>
        """;

    public const string ActiveFromField = "active_from";
    public const string ActiveUntilField = "active_until";

    /// <summary>
    /// The optional time window, in UTC: the mode applies from (inclusive) until (exclusive); empty is open. A
    /// datetime-local field has no time zone, so the label says which one it is.
    /// </summary>
    public static string WindowFields(DateTimeOffset? from, DateTimeOffset? until) => $"""
        <label class="window">Active from (UTC, optional) <input name="{ActiveFromField}" type="datetime-local" step="1" value="{Bound(from)}"></label>
        <label class="window">Active until (UTC, optional) <input name="{ActiveUntilField}" type="datetime-local" step="1" value="{Bound(until)}"></label>
        """;

    /// <summary>A bound as a datetime-local field holds it: UTC, to the second, without a zone.</summary>
    public static string Bound(DateTimeOffset? bound) =>
        bound is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) : "";

    public static string Restore(ConsoleView view, FeatureToggle toggle, string returnTo) => $"""
        <form method="post" action="/admin/features/{E(toggle.Name)}/restore" class="change">
          {Token(view.Tokens)}
          {Hidden("return", returnTo)}
          <input name="reason" maxlength="{FeatureValidation.MaxReasonLength}" placeholder="reason (optional)" aria-label="Reason for restoring {E(toggle.Name)}">
          <button type="submit">Restore</button>
        </form>
        """;

    public static string Archive(ConsoleView view, FeatureToggle toggle) => $"""
        <form method="post" action="/admin/features/{E(toggle.Name)}/archive" class="change">
          {Token(view.Tokens)}
          <input name="reason" maxlength="{FeatureValidation.MaxReasonLength}" placeholder="reason (optional)" aria-label="Reason for archiving {E(toggle.Name)}">
          <button type="submit" class="danger">Archive</button>
        </form>
        """;

    public static string Details(ConsoleView view, FeatureToggle toggle) => $"""
        <form method="post" action="/admin/features/{E(toggle.Name)}/details" class="create">
          {Token(view.Tokens)}
          <label class="grow">Description <input name="description" maxlength="{FeatureValidation.MaxDescriptionLength}" value="{E(toggle.Description ?? "")}"></label>
          <label>Owner <input name="owner" maxlength="{FeatureValidation.MaxOwnerLength}" value="{E(toggle.Owner ?? "")}"></label>
          <label class="grow">Reason <input name="reason" maxlength="{FeatureValidation.MaxReasonLength}" placeholder="optional"></label>
          <button type="submit" class="primary">Save details</button>
        </form>
        """;

    private static string ModeButton(FeatureToggle toggle, FeatureToggleMode mode, string label) =>
        $"<button type=\"submit\" name=\"mode\" value=\"{mode.ToString().ToLowerInvariant()}\" formnovalidate class=\"{mode.ToString().ToLowerInvariant()}\" aria-pressed=\"{Pressed(toggle, mode)}\">{label}</button>";

    private static string Pressed(FeatureToggle toggle, FeatureToggleMode mode) => !toggle.Archived && toggle.Mode == mode ? "true" : "false";
}
