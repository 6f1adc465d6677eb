using System.Text.Json.Nodes;

namespace Loans.Tests.Cluster;

/// <summary>/health/live says the process runs; /health/ready says it can do its work, with each check's status.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class HealthTests(RedisClusterFixture fixture)
{
    [SkippableFact]
    public async Task Api_and_every_silo_answer_live_and_ready_with_the_status_of_each_check()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var cluster = fixture.Cluster;
        await cluster.EnsureHealthy();

        var apiReady = await Health(cluster.Api, "/health/ready", HttpStatusCode.OK);
        Assert.Equal("Healthy", apiReady["checks"]!["cluster"]!["status"]!.GetValue<string>());
        Assert.Equal(cluster.Silos.Count, apiReady["checks"]!["cluster"]!["data"]!["activeSilos"]!.GetValue<int>());
        Assert.Equal("Healthy", (await Health(cluster.Api, "/health/live", HttpStatusCode.OK))["status"]!.GetValue<string>());
        foreach (var silo in cluster.Silos)
        {
            var ready = await Health(silo.Http, "/health/ready", HttpStatusCode.OK);
            foreach (var check in new[] { "membership", "grainStorage", "featureToggles" })
            {
                Assert.Equal("Healthy", ready["checks"]![check]!["status"]!.GetValue<string>());
            }

            Assert.Equal("Healthy", (await Health(silo.Http, "/health/live", HttpStatusCode.OK))["status"]!.GetValue<string>());
        }
    }

    [SkippableFact]
    public async Task While_no_silo_is_reachable_the_api_is_live_not_ready_and_answers_orders_with_503()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var cluster = fixture.Cluster;
        await cluster.EnsureHealthy();

        foreach (var silo in cluster.Silos)
        {
            await silo.Kill();
        }

        try
        {
            var ready = await Health(cluster.Api, "/health/ready", HttpStatusCode.ServiceUnavailable);
            Assert.Equal("Unhealthy", ready["checks"]!["cluster"]!["status"]!.GetValue<string>());
            Assert.Equal("Healthy", (await Health(cluster.Api, "/health/live", HttpStatusCode.OK))["status"]!.GetValue<string>());

            using var order = await cluster.Api.PostJson("/orders", Fixtures.LoanOrderJson);
            await Problem.Assert(order, HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(order.Headers.RetryAfter);
        }
        finally
        {
            await cluster.EnsureHealthy();
        }

        await Health(cluster.Api, "/health/ready", HttpStatusCode.OK);
    }

    /// <summary>As the administrator: the API's public health answers show each check only to the administrator key.</summary>
    private static async Task<JsonObject> Health(HttpClient client, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminCredentials.ApiKey);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{client.BaseAddress}{path}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (JsonObject)JsonNode.Parse(body)!;
    }
}
