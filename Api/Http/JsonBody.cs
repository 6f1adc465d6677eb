using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Loans.Api.Http;

/// <summary>
/// Reads a JSON request body with the checks a client deserves clear answers to: content type (415),
/// size (413), well-formed JSON and the right types (400, naming the field).
/// </summary>
public sealed class JsonBody(IOptions<JsonOptions> json, IOptions<RequestLimits> limits)
{
    public JsonSerializerOptions SerializerOptions => json.Value.SerializerOptions;

    public async Task<JsonBodyResult<T>> Read<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (!IsJson(request.ContentType))
        {
            return Problems.UnsupportedMediaType(request.ContentType);
        }

        var limit = limits.Value.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            return Problems.TooLarge(limit);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return Problems.TooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return Problems.Invalid("$", "The request body is empty; a JSON object is required.");
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), SerializerOptions);
            return value is null ? Problems.Invalid("$", "A JSON object is required, not null.") : new JsonBodyResult<T>(value, buffer.ToArray());
        }
        catch (JsonException exception)
        {
            return Problems.Malformed(exception);
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && (mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        && (mediaType.Charset.Length == 0 || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
}

/// <summary>Either the parsed body (with its raw bytes) or the problem to answer with.</summary>
public sealed class JsonBodyResult<T> where T : class
{
    public JsonBodyResult(T value, byte[] raw) => (Value, Raw) = (value, raw);

    private JsonBodyResult(IResult problem) => Problem = problem;

    public T? Value { get; }

    public byte[] Raw { get; } = [];

    public IResult? Problem { get; }

    public static implicit operator JsonBodyResult<T>(ProblemHttpResult problem) => new(problem);
}
