using System.Text;
using System.Text.Json.Nodes;

namespace Loans.Tests.Infrastructure;

/// <summary>The seed's loan order (<c>shared/fixtures/loanOrder.json</c>), posted as a client would.</summary>
public static class SampleOrders
{
    /// <summary>Posts the sample order, asserts 201 with the order's own location, and returns the order.</summary>
    public static async Task<JsonObject> Post(HttpClient api, CancellationToken cancellation = default)
    {
        using var content = new StringContent(Fixtures.LoanOrderJson, Encoding.UTF8, "application/json");
        using var response = await api.PostAsync("/orders", content, cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellation))!;
        Assert.Equal($"/orders/{order["id"]}", response.Headers.Location?.ToString());
        return order;
    }
}
