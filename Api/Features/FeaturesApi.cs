using System.Text.RegularExpressions;
using Loans.Api.Admin;
using Loans.Api.Http;

namespace Loans.Api.Features;

public static partial class FeaturesApi
{
    /// <summary>A toggle; <c>active_from</c>/<c>active_until</c> bound when its mode applies (null: open).</summary>
    public sealed record FeatureToggleResponse(
        string Name, bool Enabled, FeatureToggleMode Mode, int Percentage, DateTimeOffset? UpdatedAt, string? UpdatedBy, long Revision,
        DateTimeOffset? ActiveFrom, DateTimeOffset? ActiveUntil);

    /// <summary>
    /// The answer to a PUT: the toggle as it now is, and whether the request changed it. A request for the state the
    /// toggle already has is not a change (<c>changed: false</c>): no audit record, no revision, no annotation.
    /// </summary>
    public sealed record SetFeatureToggleResponse(
        string Name, bool Enabled, FeatureToggleMode Mode, int Percentage, DateTimeOffset? UpdatedAt, string? UpdatedBy, long Revision, bool Changed,
        DateTimeOffset? ActiveFrom, DateTimeOffset? ActiveUntil);

    /// <summary>
    /// Either <c>enabled</c> (on/off) or <c>mode</c> (OFF, ON, SHADOW, PERCENTAGE with <c>percentage</c>). Optionally a time
    /// window, <c>active_from</c> (inclusive) and/or <c>active_until</c> (exclusive), ISO 8601 with an offset, kept to whole
    /// seconds: the mode applies only inside it (Microsoft.FeatureManagement's TimeWindow filter). The request replaces the
    /// whole state, so a request without a window removes the one the toggle had.
    /// </summary>
    public sealed record SetFeatureToggleRequest(bool? Enabled, FeatureToggleMode? Mode, int? Percentage, string? Reason,
        DateTimeOffset? ActiveFrom = null, DateTimeOffset? ActiveUntil = null);

    public const int MaxReasonLength = 500;

    public static IEndpointRouteBuilder MapFeaturesApi(this IEndpointRouteBuilder app)
    {
        var features = app.MapGroup("/features").WithTags("Feature toggles")
            .RequireAuthorization(AdminAccessExtensions.AdministratorPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        features.MapGet("/", ListToggles).WithSummary("Every stored toggle with its value");
        features.MapGet("/{name}", GetToggle).ProducesProblem(StatusCodes.Status400BadRequest).WithSummary("One toggle; unknown toggles read as off");
        features.MapGet("/{name}/history", ToggleHistory)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("The toggle's audit trail, newest first: old and new state, who, when and why");
        features.MapPut("/{name}", SetToggle)
            .Accepts<SetFeatureToggleRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Set a toggle: on/off, shadow, or a percentage rollout; the very next order sees it, cluster-wide");
        return features;
    }

    public static async Task<Ok<FeatureToggleResponse[]>> ListToggles(IClusterClient cluster)
    {
        var toggles = await cluster.GetGrain<IFeatureCatalogGrain>(0).List();
        return TypedResults.Ok(toggles.Select(ToResponse).ToArray());
    }

    public static async Task<Results<Ok<FeatureToggleResponse>, ProblemHttpResult>> GetToggle(string name, IClusterClient cluster)
    {
        if (InvalidName(name) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(ToResponse(await cluster.GetGrain<IFeatureToggleGrain>(name).Get()));
    }

    public sealed record FeatureToggleChangeResponse(string Name, string? OldState, string NewState, DateTimeOffset ChangedAt, string ChangedBy, string? Reason);

    public const int MaxHistory = 500;

    public static async Task<Results<Ok<FeatureToggleChangeResponse[]>, ProblemHttpResult>> ToggleHistory(string name, IClusterClient cluster, int? limit)
    {
        if (InvalidName(name) is { } problem)
        {
            return problem;
        }

        if (limit is not null and not (>= 1 and <= MaxHistory))
        {
            return Problems.Invalid("limit", $"A whole number from 1 to {MaxHistory}.");
        }

        var history = await cluster.GetGrain<IFeatureCatalogGrain>(0).History(name, limit ?? 50);
        return TypedResults.Ok(history.Select(h => new FeatureToggleChangeResponse(h.Name, h.OldState, h.NewState, h.ChangedAt, h.ChangedBy, h.Reason)).ToArray());
    }

    public static async Task<Results<Ok<SetFeatureToggleResponse>, ProblemHttpResult>> SetToggle(
        string name, HttpRequest request, JsonBody body, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (InvalidName(name) is { } problem)
        {
            return problem;
        }

        var parsed = await body.Read<SetFeatureToggleRequest>(request, cancellationToken);
        if (parsed.Value is not { } change)
        {
            return (ProblemHttpResult)parsed.Problem!;
        }

        if (ToChange(change, ChangedBy(request)) is not { } valid)
        {
            return Problems.Invalid(ChangeErrors(change));
        }

        var (toggle, changed) = await cluster.GetGrain<IFeatureToggleGrain>(name).Set(valid);
        return TypedResults.Ok(new SetFeatureToggleResponse(
            toggle.Name, toggle.Enabled, toggle.Mode, toggle.Percentage, toggle.UpdatedAt, toggle.UpdatedBy, toggle.Revision, changed,
            toggle.ActiveFrom, toggle.ActiveUntil));
    }

    private static FeatureToggleChange? ToChange(SetFeatureToggleRequest request, string changedBy) =>
        ChangeErrors(request).Count > 0 ? null
        : request.Mode is { } mode ? new FeatureToggleChange(mode, request.Percentage ?? 0, changedBy, request.Reason, request.ActiveFrom, request.ActiveUntil)
        : new FeatureToggleChange(request.Enabled!.Value, changedBy, request.Reason) with { ActiveFrom = request.ActiveFrom, ActiveUntil = request.ActiveUntil };

    internal static Dictionary<string, string[]> ChangeErrors(SetFeatureToggleRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Enabled is null && request.Mode is null)
        {
            errors["enabled"] = ["Is required: true or false (or give mode: OFF, ON, SHADOW or PERCENTAGE)."];
        }
        else if (request.Enabled is { } enabled && request.Mode is { } mode && enabled != (mode == FeatureToggleMode.On))
        {
            errors["mode"] = ["Contradicts enabled; send one of them."];
        }

        if (request.Mode == FeatureToggleMode.Percentage && request.Percentage is not (>= 0 and <= 100))
        {
            errors["percentage"] = ["Is required with mode PERCENTAGE: a whole number from 0 to 100."];
        }
        else if (request.Mode != FeatureToggleMode.Percentage && request.Percentage is not null)
        {
            errors["percentage"] = ["Only goes with mode PERCENTAGE."];
        }

        var off = request.Mode == FeatureToggleMode.Off || (request.Mode is null && request.Enabled == false);
        if (off && (request.ActiveFrom is not null || request.ActiveUntil is not null))
        {
            errors[request.ActiveFrom is not null ? "active_from" : "active_until"] = ["A time window only goes with ON, SHADOW or PERCENTAGE: an OFF toggle is off at any time."];
        }
        else if (FeatureToggleWindow.Normalize(request.ActiveFrom) is { } from && FeatureToggleWindow.Normalize(request.ActiveUntil) is { } until && from >= until)
        {
            errors["active_until"] = ["Must be at least one second after active_from."];
        }

        if (request.Reason is { Length: > MaxReasonLength })
        {
            errors["reason"] = [$"At most {MaxReasonLength} characters."];
        }
        else if (request.Reason is { } reason && reason.Any(IsBidiControl))
        {
            // Encoded HTML still displays them: an override would show the audit trail's text reversed or reordered.
            errors["reason"] = ["Must not contain bidirectional control characters (U+202A to U+202E, U+2066 to U+2069)."];
        }

        return errors;
    }

    /// <summary>The authenticated administrator, recorded in the audit trail.</summary>
    private static string ChangedBy(HttpRequest request) => request.HttpContext.User.Identity?.Name ?? "unknown";

    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    internal static bool IsToggleName(string name) => ToggleName().IsMatch(name);

    private static ProblemHttpResult? InvalidName(string name) => IsToggleName(name)
        ? null
        : Problems.Invalid("name", "A toggle name is 1 to 64 upper-case letters, digits and underscores, starting with a letter, e.g. NEW_VERIFICATION.");

    private static FeatureToggleResponse ToResponse(FeatureToggle toggle) =>
        new(toggle.Name, toggle.Enabled, toggle.Mode, toggle.Percentage, toggle.UpdatedAt, toggle.UpdatedBy, toggle.Revision, toggle.ActiveFrom, toggle.ActiveUntil);

    // \z, not $: $ also matches before a final newline, which let "NEW_VERIFICATION\n" through as a look-alike.
    [GeneratedRegex(@"^[A-Z][A-Z0-9_]{0,63}\z")]
    private static partial Regex ToggleName();
}
