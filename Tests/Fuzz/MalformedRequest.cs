namespace Loans.Tests.Fuzz;

/// <summary>One malformed request of the corpus, with the raw bytes the client sends.</summary>
public sealed record MalformedRequest(string Kind, HttpMethod Method, string Path, byte[]? Body, string? ContentType, IReadOnlyList<string> IdempotencyKeys)
{
    public HttpRequestMessage ToHttp()
    {
        var request = new HttpRequestMessage(Method, Path);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var key in IdempotencyKeys)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return request;
    }
}
