using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Loans.Silo.Dashboard;

/// <summary>HTTP basic authentication (RFC 7617) against one configured user, compared in constant time.</summary>
internal static class BasicAuthentication
{
    public static bool IsAuthorized(HttpRequest request, string username, string password)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var separator = decoded.IndexOf(':', StringComparison.Ordinal);
        if (separator < 0)
        {
            return false;
        }

        // Both halves are always compared, so the time taken says nothing about which one was wrong.
        var userMatches = FixedTimeEquals(decoded[..separator], username);
        var passwordMatches = FixedTimeEquals(decoded[(separator + 1)..], password);
        return userMatches & passwordMatches;
    }

    public static void Challenge(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers[HeaderNames.WWWAuthenticate] = "Basic realm=\"Orleans Dashboard\", charset=\"UTF-8\"";
    }

    private static bool FixedTimeEquals(string actual, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(actual)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
