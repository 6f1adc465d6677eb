using Loans.Api.Admin;
using Loans.Api.Http;

namespace Loans.Api.Features;

/// <summary>
/// A toggle's whole life over JSON: list (search, filter), read, release (PUT), describe (PATCH), archive and
/// restore, its audit trail and its exposure. Reading takes any key; changing takes an editor's (a viewer's is 403).
/// </summary>
public static partial class FeaturesApi
{
    public const int MaxHistory = 500;

    public static IEndpointRouteBuilder MapFeaturesApi(this IEndpointRouteBuilder app)
    {
        var features = app.MapGroup("/features").WithTags("Feature toggles")
            .RequireAuthorization(AdminAccessExtensions.ViewerPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        features.MapGet("/", ListToggles)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Toggles with their state, description, owner, creation, last change, last evaluation and stale mark; "
                + "filter=all (not archived, default) | active | stale | archived, q= part of the name");
        features.MapGet("/{name}", GetToggle).ProducesProblem(StatusCodes.Status400BadRequest).WithSummary("One toggle; unknown toggles read as off");
        features.MapGet("/{name}/history", ToggleHistory)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("The toggle's audit trail, newest first, paged (limit per page, page from 1): old and new state, who, when and why");
        features.MapGet("/{name}/exposure", ToggleExposure)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Verifications per variant over the last hour, counted by the silos");

        features.MapPut("/{name}", SetToggle)
            .Accepts<SetFeatureToggleRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ForEditors()
            .WithSummary("Set a toggle: on/off, shadow, or a percentage rollout; the very next order sees it, cluster-wide. Creates it (with description and owner) when new");
        features.MapPatch("/{name}", EditToggle)
            .Accepts<EditFeatureToggleRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ForEditors()
            .WithSummary("Change a toggle's description or owner; audited");
        features.MapPost("/{name}/archive", (string name, HttpRequest request, JsonBody body, IClusterClient cluster, CancellationToken token) =>
                Archive(name, archived: true, request, body, cluster, token))
            .Accepts<ArchiveFeatureToggleRequest>(isOptional: true, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ForEditors()
            .WithSummary("Archive a toggle: it evaluates as off, leaves the main list and keeps its audit trail; body optional: {\"reason\": ...}");
        features.MapPost("/{name}/restore", (string name, HttpRequest request, JsonBody body, IClusterClient cluster, CancellationToken token) =>
                Archive(name, archived: false, request, body, cluster, token))
            .Accepts<ArchiveFeatureToggleRequest>(isOptional: true, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ForEditors()
            .WithSummary("Restore an archived toggle to the mode it had; body optional: {\"reason\": ...}");
        return features;
    }

    public static async Task<Results<Ok<FeatureToggleResponse[]>, ProblemHttpResult>> ListToggles(
        IClusterClient cluster, FeatureToggleViews views, string? filter, string? q)
    {
        if (FeatureToggleViews.ParseFilter(filter) is not { } parsed)
        {
            return Problems.Invalid("filter", "One of all, active, stale, archived.");
        }

        var toggles = await cluster.GetGrain<IFeatureCatalogGrain>(0).List();
        return TypedResults.Ok(views.Select(toggles, parsed, q).Select(t => t.ToResponse(views)).ToArray());
    }

    public static async Task<Results<Ok<FeatureToggleResponse>, ProblemHttpResult>> GetToggle(string name, IClusterClient cluster, FeatureToggleViews views)
    {
        if (FeatureValidation.InvalidName(name) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok((await cluster.GetGrain<IFeatureToggleGrain>(name).Get()).ToResponse(views));
    }

    public static async Task<Results<Ok<FeatureToggleChangeResponse[]>, ProblemHttpResult>> ToggleHistory(string name, IClusterClient cluster, int? limit, int? page)
    {
        if (FeatureValidation.InvalidName(name) is { } problem)
        {
            return problem;
        }

        if (limit is not null and not (>= 1 and <= MaxHistory))
        {
            return Problems.Invalid("limit", $"A whole number from 1 to {MaxHistory}.");
        }

        if (page is not null and not (>= 1 and <= 100_000))
        {
            return Problems.Invalid("page", "A whole number from 1 (the newest changes) to 100000.");
        }

        var size = limit ?? 50;
        var history = await cluster.GetGrain<IFeatureCatalogGrain>(0).HistoryPage(name, ((page ?? 1) - 1) * size, size);
        return TypedResults.Ok(history.Select(h => new FeatureToggleChangeResponse(h.Name, h.OldState, h.NewState, h.ChangedAt, h.ChangedBy, h.Reason)).ToArray());
    }

    public static async Task<Results<Ok<FeatureToggleExposureResponse>, ProblemHttpResult>> ToggleExposure(string name, IClusterClient cluster)
    {
        if (FeatureValidation.InvalidName(name) is { } problem)
        {
            return problem;
        }

        var exposure = await cluster.GetGrain<IFeatureCatalogGrain>(0).Exposure(name);
        return TypedResults.Ok(new FeatureToggleExposureResponse(
            exposure.Name, (int)exposure.Window.TotalSeconds, exposure.Variants.ToDictionary(v => v.Variant, v => v.Count), exposure.Total, exposure.Silos));
    }

    public static async Task<Results<Ok<SetFeatureToggleResponse>, ProblemHttpResult>> SetToggle(
        string name, HttpRequest request, JsonBody body, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (FeatureValidation.InvalidName(name) is { } problem)
        {
            return problem;
        }

        var parsed = await body.Read<SetFeatureToggleRequest>(request, cancellationToken);
        if (parsed.Value is not { } change)
        {
            return (ProblemHttpResult)parsed.Problem!;
        }

        if (FeatureValidation.ToChange(change, ChangedBy(request)) is not { } valid)
        {
            return Problems.Invalid(FeatureValidation.ChangeErrors(change));
        }

        var result = await cluster.GetGrain<IFeatureToggleGrain>(name).Set(valid);
        return result.Toggle.Archived ? Archived(name) : TypedResults.Ok(result.ToSetResponse());
    }

    public static async Task<Results<Ok<SetFeatureToggleResponse>, ProblemHttpResult>> EditToggle(
        string name, HttpRequest request, JsonBody body, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (FeatureValidation.InvalidName(name) is { } problem)
        {
            return problem;
        }

        var parsed = await body.Read<EditFeatureToggleRequest>(request, cancellationToken);
        if (parsed.Value is not { } edit)
        {
            return (ProblemHttpResult)parsed.Problem!;
        }

        var errors = FeatureValidation.EditErrors(edit.Description, edit.Owner, edit.Reason);
        if (edit.Description is null && edit.Owner is null)
        {
            errors["description"] = ["Give description or owner (or both); an empty text clears it."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var result = await cluster.GetGrain<IFeatureToggleGrain>(name).Edit(new FeatureToggleEdit(ChangedBy(request), edit.Reason, edit.Description?.Trim(), edit.Owner?.Trim()));
        return result is null ? Unknown(name) : TypedResults.Ok(result.ToSetResponse());
    }

    private static async Task<Results<Ok<SetFeatureToggleResponse>, ProblemHttpResult>> Archive(
        string name, bool archived, HttpRequest request, JsonBody body, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (FeatureValidation.InvalidName(name) is { } problem)
        {
            return problem;
        }

        string? reason = null;
        // The body is optional: an archive needs nothing but a reason, if any.
        if (request.ContentLength is > 0 || request.ContentType is not null)
        {
            var parsed = await body.Read<ArchiveFeatureToggleRequest>(request, cancellationToken);
            if (parsed.Value is not { } given)
            {
                return (ProblemHttpResult)parsed.Problem!;
            }

            if (FeatureValidation.EditErrors(null, null, given.Reason) is { Count: > 0 } errors)
            {
                return Problems.Invalid(errors);
            }

            reason = given.Reason;
        }

        var result = await cluster.GetGrain<IFeatureToggleGrain>(name).Edit(new FeatureToggleEdit(ChangedBy(request), reason, Archived: archived));
        return result is null ? Unknown(name) : TypedResults.Ok(result.ToSetResponse());
    }

    /// <summary>A change: an editor's key; a viewer's is answered 403 and nothing changes.</summary>
    private static RouteHandlerBuilder ForEditors(this RouteHandlerBuilder endpoint) =>
        endpoint.RequireAuthorization(AdminAccessExtensions.EditorPolicy).ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>The authenticated key's name, recorded in the audit trail.</summary>
    private static string ChangedBy(HttpRequest request) => request.HttpContext.User.Identity?.Name ?? "unknown";

    private static ProblemHttpResult Unknown(string name) => Problems.NotFound($"There is no toggle {name}; create it with PUT /features/{name}.");

    private static ProblemHttpResult Archived(string name) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "The toggle is archived.",
        detail: $"{name} is archived and evaluates as off; restore it (POST /features/{name}/restore) before changing its mode. Nothing was changed.");
}
