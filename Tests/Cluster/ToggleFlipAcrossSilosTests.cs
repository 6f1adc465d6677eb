using System.Net.Http.Json;
using Loans.Tests.Observability;

namespace Loans.Tests.Cluster;

/// <summary>
/// Each silo's verifiers read toggles from that silo's cache; a flip must reach every cache before the admin
/// sees it acknowledged, or the next orders on another silo would still be verified the old way.
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class ToggleFlipAcrossSilosTests(RedisClusterFixture fixture)
{
    // Enough for the gateways and placement to spread orders over both silos many times over.
    private const int MaxOrders = 200;

    [SkippableFact]
    public async Task A_flip_acts_on_the_very_next_orders_on_every_silo()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var cluster = fixture.Cluster;
        await cluster.EnsureHealthy();
        using var admin = new HttpClient { BaseAddress = cluster.ApiAddress };
        AdminCredentials.Authorize(admin);

        // Fills every silo's cache with OFF; entries would live for the default refresh interval of 5 s.
        await SubmitUntilEverySiloVerified(cluster, "VERIFIED");
        try
        {
            await Flip(admin, enabled: true);
            await SubmitUntilEverySiloVerified(cluster, "REJECTED");
        }
        finally
        {
            await Flip(admin, enabled: false);
        }

        await SubmitUntilEverySiloVerified(cluster, "VERIFIED");
    }

    private static async Task Flip(HttpClient admin, bool enabled)
    {
        using var response = await admin.PutAsJsonAsync($"/features/{FeatureNames.NewVerification}", new { enabled, reason = "cluster test" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Posts orders, each expected to get <paramref name="status"/>, until every silo has stored one.</summary>
    private static async Task SubmitUntilEverySiloVerified(LoansCluster cluster, string status)
    {
        var label = ("status", status.ToLowerInvariant());
        var before = await Task.WhenAll(cluster.Silos.Select(silo => StoredOrders(silo, label)));
        for (var i = 0; i < MaxOrders; i++)
        {
            using var response = await cluster.Api.PostJson("/orders", Fixtures.LoanOrderJson);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal(status, (await response.ReadObject())["status"]!.GetValue<string>());
            if (i % 10 == 9)
            {
                var now = await Task.WhenAll(cluster.Silos.Select(silo => StoredOrders(silo, label)));
                if (now.Zip(before).All(counts => counts.First > counts.Second))
                {
                    return;
                }
            }
        }

        Assert.Fail($"{MaxOrders} orders did not reach every silo: the test could not check each silo's cache.");
    }

    private static async Task<double> StoredOrders(LoansCluster.ClusterSilo silo, (string, string) label)
    {
        using var scraper = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return PrometheusText.Parse(await scraper.GetStringAsync(silo.MetricsAddress)).Sum("loans_orders_total", label);
    }
}
