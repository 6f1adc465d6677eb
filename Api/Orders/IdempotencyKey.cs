using System.Security.Cryptography;

namespace Loans.Api.Orders;

/// <summary>The optional Idempotency-Key request header (IETF httpapi draft).</summary>
public static class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxLength = 255;

    /// <summary>Null when the header is absent; otherwise the key, or an error message when it is malformed.</summary>
    public static (string? Key, string? Error) From(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(HeaderName, out var values))
        {
            return (null, null);
        }

        if (values.Count != 1)
        {
            return (null, $"Send exactly one {HeaderName} header.");
        }

        // The draft makes the key an RFC 8941 string: quoted or not, we accept either form.
        var key = values[0]!.Trim().Trim('"');
        return key.Length is 0 or > MaxLength || key.Any(c => c is < (char)0x21 or > (char)0x7e)
            ? (null, $"{HeaderName} must be 1 to {MaxLength} visible ASCII characters, e.g. a UUID.")
            : (key, null);
    }

    /// <summary>A fingerprint of what the request asks for, independent of JSON formatting.</summary>
    public static string Fingerprint(byte[] canonicalRequest) => Convert.ToHexString(SHA256.HashData(canonicalRequest));
}
