using System.Net.Http.Json;

namespace Loans.Tests.Cluster;

/// <summary>
/// Each silo's verifiers read toggles from that silo's cache; a flip must reach every cache before the admin
/// sees it acknowledged, or the next orders on another silo would still be verified the old way.
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class ToggleFlipAcrossSilosTests(RedisClusterFixture fixture)
{
    // Placement is random, so 20 orders reach both silos' verifiers but for a chance of 2 in a million.
    private const int Orders = 20;

    [SkippableFact]
    public async Task A_flip_acts_on_the_very_next_orders_on_every_silo()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var cluster = fixture.Cluster;
        await cluster.EnsureHealthy();
        using var admin = new HttpClient { BaseAddress = cluster.ApiAddress };
        AdminCredentials.Authorize(admin);

        // Fills every silo's cache with OFF; entries would live for the default refresh interval of 5 s.
        Assert.All(await SubmitOrders(cluster), status => Assert.Equal("VERIFIED", status));
        try
        {
            await Flip(admin, enabled: true);
            Assert.All(await SubmitOrders(cluster), status => Assert.Equal("REJECTED", status));
        }
        finally
        {
            await Flip(admin, enabled: false);
        }

        Assert.All(await SubmitOrders(cluster), status => Assert.Equal("VERIFIED", status));
    }

    private static async Task Flip(HttpClient admin, bool enabled)
    {
        using var response = await admin.PutAsJsonAsync($"/features/{FeatureNames.NewVerification}", new { enabled, reason = "cluster test" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string[]> SubmitOrders(LoansCluster cluster)
    {
        var statuses = new string[Orders];
        for (var i = 0; i < Orders; i++)
        {
            using var response = await cluster.Api.PostJson("/orders", Fixtures.LoanOrderJson);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            statuses[i] = (await response.ReadObject())["status"]!.GetValue<string>();
        }

        return statuses;
    }
}
