using System.Globalization;
using Loans.Api.Admin;
using Loans.Api.Features;
using Microsoft.AspNetCore.Antiforgery;
using static Loans.Api.AdminConsole.ConsoleResults;

namespace Loans.Api.AdminConsole;

/// <summary>The console's toggle pages and the posts that change a toggle; every change goes through the same grains as the JSON API.</summary>
internal static class ToggleConsole
{
    public static async Task<IResult> ListPage(HttpContext context, IAntiforgery antiforgery, IClusterClient cluster, FeatureToggleViews views, string? filter, string? q) =>
        await RenderList(context, antiforgery, cluster, views, FeatureToggleViews.ParseFilter(filter) ?? FeatureToggleFilter.All, q, FlashMessage.Take(context), StatusCodes.Status200OK);

    public static async Task<IResult> TogglePage(HttpContext context, IAntiforgery antiforgery, IClusterClient cluster, FeatureToggleViews views, string name, int? page) =>
        await RenderToggle(context, antiforgery, cluster, views, name, page is >= 1 and <= 100_000 ? page.Value : 1, FlashMessage.Take(context), StatusCodes.Status200OK);

    /// <summary>
    /// One form for every release change and for creating a toggle: <c>name</c>, <c>mode</c> (on, off, shadow,
    /// percentage), <c>percentage</c>, <c>reason</c>, <c>active_from</c> and <c>active_until</c> (the optional window, UTC;
    /// the change replaces the window as the API's PUT does), on creation <c>description</c> and <c>owner</c>, and
    /// <c>return</c> (the console page to come back to). In Production, fully on or above 50 % first shows a confirmation page.
    /// </summary>
    public static async Task<IResult> ChangeToggle(HttpContext context, IAntiforgery antiforgery, IClusterClient cluster, FeatureToggleViews views)
    {
        if (await RejectForgery(context, antiforgery) is { } rejected)
        {
            return rejected;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var name = form["name"].ToString().Trim();
        var reason = Optional(form["reason"]);
        var mode = ParseMode(form["mode"].ToString());
        var returnTo = ReturnTo(form["return"].ToString());
        int? percentage = mode == FeatureToggleMode.Percentage
            ? int.TryParse(form["percentage"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1
            : null;
        // Off is off at any time: the window the form carries along is dropped rather than refused.
        var (activeFrom, fromValid) = mode == FeatureToggleMode.Off ? (null, true) : WindowBound(form[ToggleForms.ActiveFromField]);
        var (activeUntil, untilValid) = mode == FeatureToggleMode.Off ? (null, true) : WindowBound(form[ToggleForms.ActiveUntilField]);
        var request = new SetFeatureToggleRequest(Enabled: null, mode, percentage, reason, Optional(form["description"]), Optional(form["owner"]), activeFrom, activeUntil);

        var errors = FeatureValidation.ChangeErrors(request);
        if (!fromValid)
        {
            errors[ToggleForms.ActiveFromField] = [WindowRule];
        }

        if (!untilValid)
        {
            errors[ToggleForms.ActiveUntilField] = [WindowRule];
        }

        if (!FeatureValidation.IsToggleName(name))
        {
            errors["name"] = [FeatureValidation.NameRule];
        }

        if (mode is null)
        {
            errors["mode"] = ["Choose on, off, shadow or percentage."];
            errors.Remove("enabled");
        }

        if (errors.Count > 0)
        {
            return await RenderList(context, antiforgery, cluster, views, FeatureToggleFilter.All, null, NothingChanged(errors), StatusCodes.Status400BadRequest);
        }

        var view = View(context, antiforgery);
        var label = ConsoleHtml.Label(mode!.Value, percentage ?? 0);
        if (ConfirmChangePage.Needed(view, mode.Value, percentage) && form["confirm"].ToString() != "yes")
        {
            var fields = new[] { "name", "mode", "percentage", "reason", "description", "owner", ToggleForms.ActiveFromField, ToggleForms.ActiveUntilField, "return" }
                .Where(f => form.ContainsKey(f)).ToDictionary(f => f, f => form[f].ToString());
            return Html(context, ConfirmChangePage.Render(view, fields, name, label, returnTo));
        }

        var change = new FeatureToggleChange(mode.Value, percentage ?? 0, AdminConsoleApi.UserName(context), reason, request.Description?.Trim(), request.Owner?.Trim(),
            activeFrom, activeUntil);
        var (toggle, changed) = await cluster.GetGrain<IFeatureToggleGrain>(name).Set(change);
        if (toggle.Archived)
        {
            new FlashMessage($"Nothing changed: {toggle.Name} is archived. Restore it first.", IsError: true).Store(context);
            return SeeOther(returnTo);
        }

        var state = ConsoleHtml.Label(toggle.Mode, toggle.Percentage);
        new FlashMessage(changed ? $"{toggle.Name} is now {state}." : $"Nothing changed: {toggle.Name} is already {state}.", IsError: false).Store(context);
        return SeeOther(returnTo);
    }

    /// <summary>Changes the description and owner (<c>description</c>, <c>owner</c>, <c>reason</c>); an empty field clears it.</summary>
    public static async Task<IResult> EditDetails(string name, HttpContext context, IAntiforgery antiforgery, IClusterClient cluster, FeatureToggleViews views)
    {
        if (await RejectForgery(context, antiforgery) is { } rejected)
        {
            return rejected;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var description = form["description"].ToString().Trim();
        var owner = form["owner"].ToString().Trim();
        var reason = Optional(form["reason"]);
        var errors = FeatureValidation.EditErrors(description, owner, reason);
        if (!FeatureValidation.IsToggleName(name))
        {
            errors["name"] = [FeatureValidation.NameRule];
        }

        if (errors.Count > 0)
        {
            return await RenderToggle(context, antiforgery, cluster, views, name, 1, NothingChanged(errors), StatusCodes.Status400BadRequest);
        }

        var result = await cluster.GetGrain<IFeatureToggleGrain>(name).Edit(new FeatureToggleEdit(AdminConsoleApi.UserName(context), reason, description, owner));
        return Outcome(context, antiforgery, name, result, changed => changed ? $"{name}: details saved." : $"Nothing changed: {name} already has these details.");
    }

    public static async Task<IResult> Archive(string name, bool archived, HttpContext context, IAntiforgery antiforgery, IClusterClient cluster)
    {
        if (await RejectForgery(context, antiforgery) is { } rejected)
        {
            return rejected;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var reason = Optional(form["reason"]);
        var views = context.RequestServices.GetRequiredService<FeatureToggleViews>();
        var errors = FeatureValidation.EditErrors(null, null, reason);
        if (!FeatureValidation.IsToggleName(name))
        {
            errors["name"] = [FeatureValidation.NameRule];
        }

        if (errors.Count > 0)
        {
            return await RenderToggle(context, antiforgery, cluster, views, name, 1, NothingChanged(errors), StatusCodes.Status400BadRequest);
        }

        var result = await cluster.GetGrain<IFeatureToggleGrain>(name).Edit(new FeatureToggleEdit(AdminConsoleApi.UserName(context), reason, Archived: archived));
        var returnTo = form.ContainsKey("return") ? ReturnTo(form["return"].ToString()) : $"{AdminConsoleApi.FeaturesPath}/{name}";
        if (result is null)
        {
            return Html(context, FeatureTogglePage.NotFound(View(context, antiforgery), name), StatusCodes.Status404NotFound);
        }

        var verb = archived ? "archived: it evaluates as off" : $"restored: it is {ConsoleHtml.Label(result.Toggle.Mode, result.Toggle.Percentage)} again";
        new FlashMessage(result.Changed ? $"{name} is {verb}." : $"Nothing changed: {name} is already {(archived ? "archived" : "not archived")}.", IsError: false).Store(context);
        return SeeOther(returnTo);
    }

    private static IResult Outcome(HttpContext context, IAntiforgery antiforgery, string name, FeatureToggleSetResult? result, Func<bool, string> message)
    {
        if (result is null)
        {
            return Html(context, FeatureTogglePage.NotFound(View(context, antiforgery), name), StatusCodes.Status404NotFound);
        }

        new FlashMessage(message(result.Changed), IsError: false).Store(context);
        return SeeOther($"{AdminConsoleApi.FeaturesPath}/{name}");
    }

    private static async Task<IResult> RenderList(
        HttpContext context, IAntiforgery antiforgery, IClusterClient cluster, FeatureToggleViews views, FeatureToggleFilter filter, string? search, FlashMessage? flash, int status)
    {
        var catalog = cluster.GetGrain<IFeatureCatalogGrain>(0);
        var toggles = await catalog.List();
        var history = await catalog.RecentHistory(AdminConsoleApi.HistoryShown);
        return Html(context, FeatureListPage.Render(View(context, antiforgery), views, toggles, filter, search, history, flash), status);
    }

    private static async Task<IResult> RenderToggle(
        HttpContext context, IAntiforgery antiforgery, IClusterClient cluster, FeatureToggleViews views, string name, int page, FlashMessage? flash, int status)
    {
        var view = View(context, antiforgery);
        var catalog = cluster.GetGrain<IFeatureCatalogGrain>(0);
        if (!FeatureValidation.IsToggleName(name) || (await catalog.List()).FirstOrDefault(t => t.Name == name) is not { } toggle)
        {
            return Html(context, FeatureTogglePage.NotFound(view, name), StatusCodes.Status404NotFound);
        }

        var exposure = await catalog.Exposure(name);
        var history = await catalog.HistoryPage(name, (page - 1) * FeatureTogglePage.HistoryPageSize, FeatureTogglePage.HistoryPageSize + 1);
        return Html(context, FeatureTogglePage.Render(view, views, toggle, exposure, history, page, flash), status);
    }

    private static ConsoleView View(HttpContext context, IAntiforgery antiforgery) => new(
        antiforgery.GetAndStoreTokens(context),
        AdminConsoleApi.UserName(context),
        context.User.IsInRole(AdminRoles.Editor),
        context.RequestServices.GetRequiredService<IHostEnvironment>().EnvironmentName);

    private static FlashMessage NothingChanged(Dictionary<string, string[]> errors) =>
        new($"Nothing changed. {string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}", IsError: true);

    private static string ReturnTo(string requested) => AdminConsoleApi.IsConsolePath(requested) ? requested : AdminConsoleApi.FeaturesPath;

    private const string WindowRule = "A date and time in UTC, e.g. 2026-12-05T08:00 (or with an offset), or empty for none.";

    /// <summary>
    /// A window bound from the form: empty is none. A datetime-local field sends no zone, so one without an offset is
    /// UTC (as the field's label says); one with an offset (typed by a script or by hand) keeps it.
    /// </summary>
    private static (DateTimeOffset? Bound, bool Valid) WindowBound(Microsoft.Extensions.Primitives.StringValues value) =>
        Optional(value) is not { } text ? (null, true)
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var bound) ? (bound, true)
        : (null, false);

    private static string? Optional(Microsoft.Extensions.Primitives.StringValues value) => value.ToString().Trim() is { Length: > 0 } text ? text : null;

    private static FeatureToggleMode? ParseMode(string value) => value.ToLowerInvariant() switch
    {
        "on" => FeatureToggleMode.On,
        "off" => FeatureToggleMode.Off,
        "shadow" => FeatureToggleMode.Shadow,
        "percentage" => FeatureToggleMode.Percentage,
        _ => null,
    };
}
