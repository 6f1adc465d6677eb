using System.Globalization;
using System.Text;
using Loans.Api.Features;
using static Loans.Api.AdminConsole.ConsoleHtml;

namespace Loans.Api.AdminConsole;

/// <summary>One toggle: its state and details, its exposure over the last hour, and its history, paged, newest first.</summary>
internal static class FeatureTogglePage
{
    public const int HistoryPageSize = 20;

    /// <summary>
    /// The toggle's page; <paramref name="history"/> holds up to one more than <see cref="HistoryPageSize"/> changes from
    /// the page's first: the extra one says an older page exists.
    /// </summary>
    public static string Render(
        ConsoleView view, FeatureToggleViews views, FeatureToggle toggle, FeatureToggleExposure exposure,
        IReadOnlyList<FeatureToggleChangeRecord> history, int page, FlashMessage? flash)
    {
        var path = $"{AdminConsoleApi.FeaturesPath}/{toggle.Name}";
        var changes = new StringBuilder();
        foreach (var change in history.Take(HistoryPageSize))
        {
            changes.Append(CultureInfo.InvariantCulture, $"""
                <tr>
                  <td class="time">{E(Time(change.ChangedAt))}</td>
                  <td class="who">{E(change.ChangedBy)}</td>
                  <td class="transition">{E(change.OldState ?? "(new)")} → {E(change.NewState)}</td>
                  <td class="reason">{E(change.Reason ?? "")}</td>
                </tr>
                """);
        }

        var variants = new StringBuilder();
        foreach (var variant in exposure.Variants)
        {
            var share = exposure.Total == 0 ? 0 : 100.0 * variant.Count / exposure.Total;
            variants.Append(CultureInfo.InvariantCulture, $"""
                <tr data-variant="{E(variant.Variant)}"><th scope="row">{E(variant.Variant)}</th><td class="count">{Number(variant.Count)}</td><td>{share:0.0} %</td></tr>
                """);
        }

        var older = history.Count > HistoryPageSize
            ? $"<a href=\"{E(path)}?page={page + 1}\" rel=\"next\">Older changes</a>" : "";
        var newer = page > 1 ? $"<a href=\"{E(path)}?page={page - 1}\" rel=\"prev\">Newer changes</a>" : "";
        var stale = views.IsStale(toggle);
        return Layout(toggle.Name, view.Environment, $"""
            {Header(view, $"Feature toggle {toggle.Name}")}
            <main data-toggle="{E(toggle.Name)}">
              {Flash(flash)}
              <section class="card" aria-labelledby="state">
                <h2 id="state">State</h2>
                <dl class="details">
                  <dt>State</dt><dd class="state">{StateBadge(toggle)}</dd>
                  <dt>Active</dt><dd class="window">{(toggle.ActiveFrom is null && toggle.ActiveUntil is null ? "at any time" : E(FeatureToggleWindow.Describe(toggle.ActiveFrom, toggle.ActiveUntil).Trim()))}</dd>
                  <dt>Description</dt><dd class="description">{(toggle.Description is { } d ? E(d) : "<span class=\"muted\">none</span>")}</dd>
                  <dt>Owner</dt><dd class="owner">{(toggle.Owner is { } o ? E(o) : "<span class=\"muted\">none</span>")}</dd>
                  <dt>Created</dt><dd class="created">{Time(toggle.CreatedAt, "unknown")}</dd>
                  <dt>Last changed</dt><dd class="changed">{(toggle.UpdatedAt is { } at ? $"{E(Time(at))} by {E(toggle.UpdatedBy ?? "unknown")}" : "<span class=\"muted\">never changed</span>")}</dd>
                  <dt>Last evaluated</dt><dd class="evaluated">{Time(toggle.LastEvaluatedAt, "never")}{(stale ? " <span class=\"badge stale\">stale</span>" : "")}</dd>
                  <dt>Revision</dt><dd class="revision">{toggle.Revision.ToString(CultureInfo.InvariantCulture)}</dd>
                </dl>
                {(view.CanEdit ? toggle.Archived ? ToggleForms.Restore(view, toggle, path) : ToggleForms.Change(view, toggle, path, editWindow: true) : "")}
              </section>
              {(view.CanEdit ? $"""
                <section class="card" aria-labelledby="edit-details">
                  <h2 id="edit-details">Description and owner</h2>
                  {ToggleForms.Details(view, toggle)}
                  {(toggle.Archived ? "" : $"<h2 id=\"archive\">Archive</h2><p class=\"muted\">An archived toggle evaluates as off, leaves the main list and keeps its history.</p>{ToggleForms.Archive(view, toggle)}")}
                </section>
                """ : "")}
              <section aria-labelledby="exposure">
                <h2 id="exposure">Exposure, last hour</h2>
                <table class="exposure">
                  <thead><tr><th scope="col">Variant</th><th scope="col">Verifications</th><th scope="col">Share</th></tr></thead>
                  <tbody>
                  {(exposure.Total == 0 ? "<tr><td colspan=\"3\" class=\"muted\">No verifications in the last hour.</td></tr>" : variants)}
                  </tbody>
                </table>
                <p class="muted">Counted by {exposure.Silos.ToString(CultureInfo.InvariantCulture)} silo(s); total {Number(exposure.Total)}.</p>
              </section>
              <section aria-labelledby="history">
                <h2 id="history">History</h2>
                <table class="history">
                  <thead><tr><th scope="col">Time (UTC)</th><th scope="col">Who</th><th scope="col">Change</th><th scope="col">Reason</th></tr></thead>
                  <tbody>
                  {(history.Count == 0 ? "<tr><td colspan=\"4\" class=\"muted\">No changes on this page.</td></tr>" : changes)}
                  </tbody>
                </table>
                <nav aria-label="History pages" class="pages">{newer} <span>Page {page.ToString(CultureInfo.InvariantCulture)}</span> {older}</nav>
              </section>
            </main>
            """);
    }

    public static string NotFound(ConsoleView view, string name) => Layout("Not found", view.Environment, $"""
        {Header(view, "Toggle not found")}
        <main>
          <p>There is no toggle <code>{E(name)}</code>. <a href="/admin/features">Back to all toggles</a>.</p>
        </main>
        """);
}
