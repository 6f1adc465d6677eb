using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Loans.Tests.EndToEnd;

/// <summary>
/// The seed's feature-toggle demo against the real Silo and Api processes, then a restart of both that must
/// give back every earlier order unchanged.
/// </summary>
public class SeedDemoTests
{
    [Fact]
    public async Task The_feature_toggle_demo_works_and_orders_survive_a_restart()
    {
        await using var system = await LoansSystem.Start(AdminCredentials.Settings);
        var api = system.Api;
        AdminCredentials.Authorize(api);

        var first = await SampleOrders.Post(api);
        Assert.Equal("VERIFIED", first["status"]!.GetValue<string>());
        var shown = await api.GetFromJsonAsync<JsonObject>($"/orders/{first["id"]}");
        Assert.Equal("VERIFIED", shown!["status"]!.GetValue<string>());

        await SetToggle(api, FeatureNames.NewVerification, enabled: true);
        var second = await SampleOrders.Post(api);
        Assert.Equal("REJECTED", second["status"]!.GetValue<string>());

        await SetToggle(api, FeatureNames.NewVerification, enabled: false);
        var third = await SampleOrders.Post(api);
        Assert.Equal("VERIFIED", third["status"]!.GetValue<string>());

        await system.StopProcesses();
        await system.StartProcesses();

        foreach (var order in new[] { first, second, third })
        {
            var reread = await api.GetFromJsonAsync<JsonObject>($"/orders/{order["id"]}");
            Assert.True(JsonNode.DeepEquals(order, reread), $"{order} became {reread}");
        }
    }


    private static async Task SetToggle(HttpClient api, string name, bool enabled)
    {
        using var response = await api.PutAsJsonAsync($"/features/{name}", new { enabled });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
