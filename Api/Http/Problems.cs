using System.Text.Json;

namespace Loans.Api.Http;

/// <summary>The RFC 7807 problem responses of this API, each naming what the client should fix.</summary>
public static class Problems
{
    /// <summary>Hints shown for a field whose value had the wrong type or format, keyed by the field's name.</summary>
    private static readonly Dictionary<string, string> Expectations = new()
    {
        ["date_of_birth"] = "Expected an ISO date such as 1986-11-03.",
        ["gender"] = "Expected MALE or FEMALE.",
        ["status"] = "Expected STUDENT or NOT_STUDENT.",
        ["uuid"] = "Expected a UUID such as 33d2f13c-6d96-4883-9871-1e158ced00f2.",
        ["amount"] = "Expected a JSON number.",
        ["interest_rate"] = "Expected a JSON number.",
        ["commission"] = "Expected a JSON number.",
        ["discount"] = "Expected a JSON number.",
        ["enabled"] = "Expected true or false.",
    };

    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid.",
            Detail = string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
        });

    public static ProblemHttpResult Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult Malformed(JsonException exception)
    {
        var field = FieldName(exception.Path);
        var lastSegment = field.Split('.').Last().Split('[')[0];
        // A lookup, not TryGetValue(out var) inside the condition: a mutant forcing the condition true must compile.
        var expectation = Expectations.GetValueOrDefault(lastSegment);
        var message = exception.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "This field is not part of the request; check its spelling."
            : exception.Message.Contains("uplicate", StringComparison.Ordinal)
                ? "This member appears more than once; send each name once."
            : expectation is not null && exception.Message.Contains("could not be converted", StringComparison.Ordinal)
                ? $"The value is not valid. {expectation}"
                : "The JSON is malformed or a value has the wrong type here.";
        return Invalid(field, message);
    }

    public static ProblemHttpResult UnsupportedMediaType(string? contentType) => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported content type.",
        detail: $"Send the body as application/json (got '{contentType ?? "none"}').");

    public static ProblemHttpResult TooLarge(int limit) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large.",
        detail: $"The body must not exceed {limit} bytes.");

    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: detail);

    /// <summary>Turns System.Text.Json's path ("$.customer.person['name']") into the wire name ("customer.person.name").</summary>
    private static string FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "$";
        }

        // "$.a" and "$['a b']" alike: the root goes, bracketed names become dotted, and the leading dot goes last.
        var name = path.TrimStart('$');
        return name.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal).TrimStart('.');
    }
}
