using System.Text;
using System.Text.Json.Nodes;

namespace Loans.Tests.Observability;

/// <summary>Drives the API as a user would: the seed's order, and the NEW_VERIFICATION toggle.</summary>
public static class LoansTraffic
{
    public static async Task<string> PostSampleOrder(HttpClient api) =>
        (await SampleOrders.Post(api))["status"]!.GetValue<string>();

    /// <summary>Posts the sample order as a smoke test would, marked X-Synthetic.</summary>
    public static async Task PostSyntheticOrder(HttpClient api)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new StringContent(Fixtures.LoanOrderJson, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Synthetic", "true");
        using var response = await api.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static async Task SetNewVerificationMode(HttpClient api, string mode)
    {
        using var response = await api.PutAsJsonAsync($"/features/{FeatureNames.NewVerification}", new { mode });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task SetNewVerification(HttpClient api, bool enabled)
    {
        using var response = await api.PutAsJsonAsync($"/features/{FeatureNames.NewVerification}", new { enabled });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
