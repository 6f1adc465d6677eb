using System.Text.Json;
using System.Text.Json.Serialization;

namespace Loans.Api.Http;

/// <summary>The wire format of the seed: snake_case names, upper-case enum values, numbers as numbers.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.NumberHandling = JsonNumberHandling.Strict;
        // A misspelt field would otherwise be ignored and its default used silently ("ammount" → 1000).
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.MaxDepth = 16;
        // RFC 8259 says names SHOULD be unique; "last one wins" would let two readers of one body disagree.
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false));
    }
}
