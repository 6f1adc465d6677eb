using System.Text.RegularExpressions;
using Loans.Api.Http;

namespace Loans.Api.Features;

public static partial class FeaturesApi
{
    public sealed record FeatureToggleResponse(string Name, bool Enabled, DateTimeOffset? UpdatedAt, string? UpdatedBy);

    public sealed record SetFeatureToggleRequest(bool? Enabled, string? Reason);

    public const int MaxReasonLength = 500;

    public static IEndpointRouteBuilder MapFeaturesApi(this IEndpointRouteBuilder app)
    {
        var features = app.MapGroup("/features").WithTags("Feature toggles");
        features.MapGet("/", ListToggles).WithSummary("Every stored toggle with its value");
        features.MapGet("/{name}", GetToggle).ProducesProblem(StatusCodes.Status400BadRequest).WithSummary("One toggle; unknown toggles read as off");
        features.MapPut("/{name}", SetToggle)
            .Accepts<SetFeatureToggleRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Switch a toggle on or off; the very next order sees it, cluster-wide");
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

    public static async Task<Results<Ok<FeatureToggleResponse>, ProblemHttpResult>> SetToggle(
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

        if (change.Enabled is not { } enabled)
        {
            return Problems.Invalid("enabled", "Is required: true or false.");
        }

        if (change.Reason is { Length: > MaxReasonLength })
        {
            return Problems.Invalid("reason", $"At most {MaxReasonLength} characters.");
        }

        var toggle = await cluster.GetGrain<IFeatureToggleGrain>(name).Set(new FeatureToggleChange(enabled, ChangedBy(request), change.Reason));
        return TypedResults.Ok(ToResponse(toggle));
    }

    /// <summary>Until the admin console brings sign-in, changes are attributed to the API itself.</summary>
    private static string ChangedBy(HttpRequest request) => request.HttpContext.User.Identity?.Name ?? "api";

    private static ProblemHttpResult? InvalidName(string name) => ToggleName().IsMatch(name)
        ? null
        : Problems.Invalid("name", "A toggle name is 1 to 64 upper-case letters, digits and underscores, starting with a letter, e.g. NEW_VERIFICATION.");

    private static FeatureToggleResponse ToResponse(FeatureToggle toggle) => new(toggle.Name, toggle.Enabled, toggle.UpdatedAt, toggle.UpdatedBy);

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,63}$")]
    private static partial Regex ToggleName();
}
