using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Loans.Tests.Infrastructure;

/// <summary>Raw JSON requests, so tests control every byte a client sends.</summary>
public static class JsonRequests
{
    public static StringContent Json(string body, string mediaType = "application/json") =>
        new(body, Encoding.UTF8, new MediaTypeHeaderValue(mediaType));

    public static async Task<HttpResponseMessage> PostJson(this HttpClient client, string path, string body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonObject> ReadObject(this HttpResponseMessage response) =>
        (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    /// <summary>The seed's order with one field replaced, removed (null value) or added.</summary>
    public static string SampleOrderWith(Action<JsonObject> change)
    {
        var order = (JsonObject)JsonNode.Parse(Fixtures.LoanOrderJson)!;
        change(order);
        return order.ToJsonString();
    }

    public static JsonObject Person(this JsonObject order) => (JsonObject)order["customer"]!["person"]!;
}
