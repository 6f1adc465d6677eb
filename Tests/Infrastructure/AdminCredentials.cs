using System.Net.Http.Headers;

namespace Loans.Tests.Infrastructure;

/// <summary>The administrator credential the tests configure, and how a JSON client presents it.</summary>
public static class AdminCredentials
{
    public const string ApiKey = "test-admin-api-key-0123456789";

    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Admin__ApiKey"] = ApiKey,
    };

    public static void Authorize(HttpClient client) =>
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
}
