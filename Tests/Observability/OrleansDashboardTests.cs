using System.Net.Http.Headers;
using System.Text;

namespace Loans.Tests.Observability;

/// <summary>The Orleans Dashboard on the silo's HTTP endpoint, and how it is protected.</summary>
public class OrleansDashboardTests
{
    [Fact]
    public async Task Dashboard_asks_for_the_configured_credentials()
    {
        var settings = new Dictionary<string, string>(AdminCredentials.Settings)
        {
            ["Dashboard__Username"] = "operator",
            ["Dashboard__Password"] = "dashboard-secret-42",
        };
        await using var system = await LoansSystem.Start(settings);
        using var client = new HttpClient { BaseAddress = system.SiloAddress };

        using (var anonymous = await client.GetAsync("/dashboard/"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await Get(client, "/dashboard/", "operator", "wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Get(client, "/DASHBOARD/", "operator", "wrong"));
        Assert.Equal(HttpStatusCode.OK, await Get(client, "/dashboard/", "operator", "dashboard-secret-42"));
        // Only the dashboard is behind the password; the silo's other endpoints are not.
        using var root = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
    }

    [Fact]
    public async Task Dashboard_is_open_in_development_without_credentials()
    {
        await using var system = await LoansSystem.Start(AdminCredentials.Settings);
        using var client = new HttpClient { BaseAddress = system.SiloAddress };

        using var response = await client.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Orleans Dashboard", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("/dashboard is open to anyone", system.Silo!.Output, StringComparison.Ordinal);
        // Its endpoints are built on its first request, in a pipeline of their own: the script and the counters
        // come from it, and a path it does not know is a 404, not the silo's error.
        using var script = await client.GetAsync("/dashboard/index.min.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 1_000_000, "the dashboard's script is served whole");
        using var counters = await client.GetAsync("/dashboard/DashboardCounters");
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        Assert.Contains("totalActivationCount", await counters.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var unknown = await client.GetAsync("/dashboard/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Silo_refuses_to_start_in_production_without_dashboard_credentials()
    {
        using var directory = new TemporaryDirectory("loans-production");
        var settings = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Cluster__SiloPort"] = $"{FreePort.Next()}",
            ["Cluster__GatewayPort"] = $"{FreePort.Next()}",
            ["Telemetry__PrometheusListenerUrl"] = $"http://127.0.0.1:{FreePort.Next()}/",
        };
        await using var silo = LoansProcess.Start("Silo", "silo", directory.Path, settings);

        await StartupFailure.AssertExitsNaming(silo, "Dashboard:Username", "The silo started without dashboard credentials in Production.");
    }

    [Fact]
    public async Task Switched_off_the_dashboard_is_not_served_and_needs_no_credentials_in_production()
    {
        var settings = new Dictionary<string, string>(AdminCredentials.Settings)
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Dashboard__Enabled"] = "false",
        };
        await using var system = await LoansSystem.Start(settings);
        using var silo = new HttpClient { BaseAddress = system.SiloAddress };

        using var dashboard = await silo.GetAsync("/dashboard/");
        using var order = await system.Api.PostJson("/orders", Fixtures.LoanOrderJson);

        Assert.Equal(HttpStatusCode.NotFound, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        Assert.Contains("Orleans Dashboard is off", system.Silo!.Output, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> Get(HttpClient client, string path, string username, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
