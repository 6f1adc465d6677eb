using System.Text.Json.Nodes;

namespace Loans.Tests.Security;

/// <summary>Finding 10: with the silo down, the public health answer still shows no endpoint and no exception.</summary>
public class HealthDisclosureTests
{
    [Fact]
    public async Task While_no_silo_answers_the_public_ready_answer_is_503_with_the_status_only()
    {
        await using var system = await LoansSystem.Start(AdminCredentials.Settings);
        await system.Silo!.Stop();

        using var response = await system.Api.GetAsync("/health/ready");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["status"] = "Unhealthy" }, JsonNode.Parse(body)), body);

        // The details are still there for the administrator, who needs them.
        using var admin = new HttpClient { BaseAddress = system.ApiAddress };
        AdminCredentials.Authorize(admin);
        using var detailed = await admin.GetAsync("/health/ready");
        Assert.Equal("Unhealthy", (await detailed.ReadObject())["checks"]!["cluster"]!["status"]!.GetValue<string>());
    }
}
