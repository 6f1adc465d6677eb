using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Loans.Tests.AdminConsole;

namespace Loans.Tests.EndToEnd;

/// <summary>
/// The co-hosted topology: one real silo process with <c>Silo:HostApi=true</c> serves the same HTTP API as the API
/// process (endpoints, middleware, OpenAPI document, health, admin console), calling the grains in-process.
/// </summary>
public class CoHostedSiloTests(CoHostedSystemFixture fixture) : IClassFixture<CoHostedSystemFixture>
{
    private LoansSystem System => fixture.System;

    [Fact]
    public async Task The_silo_alone_takes_orders_and_the_next_order_follows_a_toggle_flip()
    {
        Assert.Null(System.ApiProcess);
        Assert.False(System.Silo!.HasExited);

        var first = await SampleOrders.Post(System.Api);
        Assert.Equal("VERIFIED", first["status"]!.GetValue<string>());
        var shown = await System.Api.GetFromJsonAsync<JsonObject>($"/orders/{first["id"]}");
        Assert.True(JsonNode.DeepEquals(first, shown), $"{first} was read back as {shown}");

        await SetNewVerification(enabled: true);
        try
        {
            var second = await SampleOrders.Post(System.Api);
            Assert.Equal("REJECTED", second["status"]!.GetValue<string>());
        }
        finally
        {
            await SetNewVerification(enabled: false);
        }

        Assert.Equal("VERIFIED", (await SampleOrders.Post(System.Api))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_input_gets_the_same_problem_details_as_from_the_api_process()
    {
        using var malformed = new StringContent("{\"customer\":", Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var response = await System.Api.PostAsync("/orders", malformed);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var unknown = await System.Api.GetAsync($"/orders/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        using var toggles = await System.Api.GetAsync("/features");
        Assert.Equal(HttpStatusCode.Unauthorized, toggles.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_is_the_one_the_api_process_serves()
    {
        await using var twoProcesses = await LoansSystem.Start(AdminCredentials.Settings);

        var coHosted = await System.Api.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var separate = await twoProcesses.Api.GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        Assert.True(JsonNode.DeepEquals(separate, coHosted), $"The API process serves{Environment.NewLine}{separate}{Environment.NewLine}the silo serves{Environment.NewLine}{coHosted}");
        Assert.True(coHosted!["paths"]!.AsObject().ContainsKey("/orders/{id}"));
    }

    [Fact]
    public async Task Health_shows_a_stranger_only_the_status_and_the_administrator_every_silo_check()
    {
        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            using var response = await System.Api.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonObject>();
            Assert.True(JsonNode.DeepEquals(new JsonObject { ["status"] = "Healthy" }, body), $"{path} told a stranger {body}");
        }

        var ready = await fixture.Admin.GetFromJsonAsync<JsonObject>("/health/ready");
        var checks = ready!["checks"]!.AsObject();
        Assert.Equal(["featureToggles", "grainStorage", "membership"], checks.Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.All(checks, c => Assert.Equal("Healthy", c.Value!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_admin_console_signs_in_and_lists_the_toggles()
    {
        using var console = new ConsoleClient(System.ApiAddress);

        using var refused = await console.SignIn(CoHostedSystemFixture.ConsoleUsername, "wrong-password-0123456");
        Assert.NotEqual(HttpStatusCode.SeeOther, refused.StatusCode);
        using var signedIn = await console.SignIn(CoHostedSystemFixture.ConsoleUsername, CoHostedSystemFixture.ConsolePassword);
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        var page = await console.Page("/admin/features");

        Assert.Contains(FeatureNames.NewVerification, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_hosting_the_api_checks_the_apis_settings_at_start()
    {
        using var directory = new TemporaryDirectory("startup");
        await using var process = LoansProcess.Start("Silo", "silo", directory.Path, new Dictionary<string, string>(AdminCredentials.Settings)
        {
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Cluster__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Silo__HostApi"] = "true",
            ["Api__MaxRequestBodyBytes"] = "10",
        });

        await StartupFailure.AssertExitsNaming(process, "Api:MaxRequestBodyBytes", "The silo hosting the API started with Api:MaxRequestBodyBytes=10.");
    }


    private async Task SetNewVerification(bool enabled)
    {
        using var response = await fixture.Admin.PutAsJsonAsync($"/features/{FeatureNames.NewVerification}", new { enabled });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
