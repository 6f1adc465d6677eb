using System.Globalization;
using System.Text;
using Loans.Api.Features;
using static Loans.Api.AdminConsole.ConsoleHtml;

namespace Loans.Api.AdminConsole;

/// <summary>The main list: search by name, filter (all / active / stale / archived), each toggle's state and its change buttons.</summary>
internal static class FeatureListPage
{
    public static string Render(
        ConsoleView view, FeatureToggleViews views, IReadOnlyList<FeatureToggle> all, FeatureToggleFilter filter, string? search,
        IReadOnlyList<FeatureToggleChangeRecord> history, FlashMessage? flash)
    {
        var toggles = views.Select(all, filter, search);
        var rows = new StringBuilder();
        foreach (var toggle in toggles)
        {
            var stale = views.IsStale(toggle) ? " <span class=\"badge stale\">stale</span>" : "";
            rows.Append(CultureInfo.InvariantCulture, $"""
                <tr data-toggle="{E(toggle.Name)}">
                  <th scope="row"><a href="/admin/features/{E(toggle.Name)}"><code>{E(toggle.Name)}</code></a>{(toggle.Description is { } d ? $"<span class=\"description\">{E(d)}</span>" : "")}</th>
                  <td class="state">{StateBadge(toggle)}</td>
                  <td class="owner">{(toggle.Owner is { } o ? E(o) : "<span class=\"muted\">none</span>")}</td>
                  <td class="changed">{(toggle.UpdatedAt is { } at ? $"{E(Time(at))}<br><span class=\"who\">by {E(toggle.UpdatedBy ?? "unknown")}</span>" : "<span class=\"muted\">never changed</span>")}</td>
                  <td class="evaluated">{Time(toggle.LastEvaluatedAt, "never")}{stale}</td>
                  <td>{(view.CanEdit ? toggle.Archived ? ToggleForms.Restore(view, toggle, FeaturesPathWith(filter, search)) : ToggleForms.Change(view, toggle, FeaturesPathWith(filter, search)) : "<span class=\"muted\">read-only</span>")}</td>
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

        return Layout("Feature toggles", view.Environment, $"""
            {Header(view, "Feature toggles")}
            <main>
              {Flash(flash)}
              <form method="get" action="/admin/features" class="search" role="search">
                <label>Search by name <input type="search" name="q" value="{E(search ?? "")}" maxlength="64"></label>
                {Hidden("filter", filter.ToString().ToLowerInvariant())}
                <button type="submit">Search</button>
              </form>
              <nav aria-label="Filter toggles" class="filters">
                <ul>
                  {FilterLink(FeatureToggleFilter.All, "All", filter, search, views.Select(all, FeatureToggleFilter.All, search).Count)}
                  {FilterLink(FeatureToggleFilter.Active, "Active", filter, search, views.Select(all, FeatureToggleFilter.Active, search).Count)}
                  {FilterLink(FeatureToggleFilter.Stale, "Stale", filter, search, views.Select(all, FeatureToggleFilter.Stale, search).Count)}
                  {FilterLink(FeatureToggleFilter.Archived, "Archived", filter, search, views.Select(all, FeatureToggleFilter.Archived, search).Count)}
                </ul>
              </nav>
              <section aria-label="Toggles">
                <table class="toggles">
                  <thead><tr><th scope="col">Toggle</th><th scope="col">State</th><th scope="col">Owner</th><th scope="col">Last changed</th><th scope="col">Last evaluated</th><th scope="col">Change</th></tr></thead>
                  <tbody>
                  {(toggles.Count == 0 ? "<tr><td colspan=\"6\" class=\"muted\">No toggles match.</td></tr>" : rows)}
                  </tbody>
                </table>
                <p class="muted">Stale: not evaluated by any silo for {E(Duration(views.StaleAfter))} (FeatureToggles:StaleAfter). Archived toggles evaluate as off and are listed under Archived.</p>
              </section>
              {(view.CanEdit ? CreateForm(view) : "")}
              <section aria-labelledby="recent-changes">
                <h2 id="recent-changes">Recent changes</h2>
                <table class="history">
                  <thead><tr><th scope="col">Time (UTC)</th><th scope="col">Toggle</th><th scope="col">Change</th><th scope="col">Who</th><th scope="col">Reason</th></tr></thead>
                  <tbody>
                  {(history.Count == 0 ? "<tr><td colspan=\"5\" class=\"muted\">No changes yet.</td></tr>" : changes)}
                  </tbody>
                </table>
              </section>
              <section class="legend" aria-labelledby="modes">
                <h2 id="modes">Modes</h2>
                <dl>
                  <dt><span class="badge off">off</span></dt><dd>Nobody gets the feature.</dd>
                  <dt><span class="badge shadow">shadow</span></dt><dd>Evaluated for every order and measured, never acted on.</dd>
                  <dt><span class="badge percentage">percentage N%</span></dt><dd>A stable N% of customers (by a hash of their uuid) get the feature.</dd>
                  <dt><span class="badge on">on</span></dt><dd>Everybody gets the feature.</dd>
                  <dt><span class="badge archived">archived</span></dt><dd>Off for everybody; restore brings back the mode it had.</dd>
                </dl>
              </section>
            </main>
            """);
    }

    private static string CreateForm(ConsoleView view) => $"""
        <section class="card" aria-labelledby="new-toggle">
          <h2 id="new-toggle">New toggle</h2>
          <form method="post" action="/admin/features" class="create">
            {Token(view.Tokens)}
            <label>Name <input name="name" required pattern="[A-Z][A-Z0-9_]{"{0,63}"}" placeholder="MY_FEATURE" title="Upper-case letters, digits and underscores, starting with a letter"></label>
            <label class="grow">Description <input name="description" maxlength="{FeatureValidation.MaxDescriptionLength}" placeholder="what it switches, and when it can go"></label>
            <label>Owner <input name="owner" maxlength="{FeatureValidation.MaxOwnerLength}" placeholder="team or person"></label>
            <label>State
              <select name="mode">
                <option value="off">off</option><option value="shadow">shadow</option><option value="percentage">percentage</option><option value="on">on</option>
              </select>
            </label>
            <label>Percentage <input name="percentage" type="number" min="0" max="100" value="0" class="percent"></label>
            {ToggleForms.WindowFields(null, null)}
            <label class="grow">Reason <input name="reason" maxlength="{FeatureValidation.MaxReasonLength}" placeholder="optional"></label>
            <button type="submit" class="primary">Create</button>
          </form>
        </section>
        """;

    private static string FilterLink(FeatureToggleFilter filter, string label, FeatureToggleFilter current, string? search, int count) =>
        $"<li><a href=\"{E(FeaturesPathWith(filter, search))}\"{(filter == current ? " aria-current=\"page\"" : "")} class=\"filter\">{E(label)} <span class=\"count\">({count})</span></a></li>";

    public static string FeaturesPathWith(FeatureToggleFilter filter, string? search)
    {
        var query = new List<string>();
        if (filter != FeatureToggleFilter.All)
        {
            query.Add($"filter={filter.ToString().ToLowerInvariant()}");
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            query.Add($"q={Uri.EscapeDataString(search.Trim())}");
        }

        return query.Count == 0 ? AdminConsoleApi.FeaturesPath : $"{AdminConsoleApi.FeaturesPath}?{string.Join('&', query)}";
    }

    private static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays) ? $"{span.TotalDays:0} days"
        : span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? $"{span.TotalHours:0} hours"
        : span.ToString("c", CultureInfo.InvariantCulture);
}
