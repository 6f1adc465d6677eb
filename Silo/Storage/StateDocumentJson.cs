using System.Text.Json;
using System.Text.Json.Serialization;

namespace Loans.Silo.Storage;

/// <summary>
/// How grain states are written as documents: the same snake_case names and upper-case enum values as the
/// HTTP API, so a person reading the database sees what a client of the API sees.
/// </summary>
public static class StateDocumentJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false) },
    };
}
