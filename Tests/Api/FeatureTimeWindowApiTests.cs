using System.Text.Json.Nodes;

namespace Loans.Tests.Api;

/// <summary>
/// A toggle's time window through the HTTP API, against the real Api and Silo: set with the state, kept in whole UTC
/// seconds, audited, and applied by Microsoft.FeatureManagement's TimeWindow filter to the next order.
/// </summary>
[Collection(SystemCollection.Name)]
public class FeatureTimeWindowApiTests(LoansSystemFixture fixture)
{
    private HttpClient Admin => fixture.Admin;

    [Fact]
    public async Task A_toggle_can_be_scheduled_and_reads_back_in_whole_utc_seconds_with_its_window_in_the_audit_trail()
    {
        var name = $"WINDOW_{Guid.NewGuid():N}"[..30].ToUpperInvariant();

        using var response = await Admin.PutAsJsonAsync($"/features/{name}", new
        {
            mode = "ON",
            active_from = "2026-12-05T09:00:00.750+01:00",
            active_until = "2026-12-06T08:00:00Z",
            reason = "weekend campaign",
        });
        var read = await Admin.GetFromJsonAsync<JsonObject>($"/features/{name}");
        var history = await Admin.GetFromJsonAsync<JsonArray>($"/features/{name}/history");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var set = await response.ReadObject();
        Assert.Equal(("2026-12-05T08:00:00+00:00", "2026-12-06T08:00:00+00:00"), (set["active_from"]!.GetValue<string>(), set["active_until"]!.GetValue<string>()));
        Assert.Equal(("2026-12-05T08:00:00+00:00", "2026-12-06T08:00:00+00:00"), (read!["active_from"]!.GetValue<string>(), read["active_until"]!.GetValue<string>()));
        Assert.Equal("ON from 2026-12-05T08:00:00Z until 2026-12-06T08:00:00Z", Assert.Single(history!)!["new_state"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_on_toggle_acts_only_inside_its_window()
    {
        var path = $"/features/{FeatureNames.NewVerification}";
        try
        {
            using (var closed = await Admin.PutAsJsonAsync(path, new { mode = "ON", active_until = DateTimeOffset.UtcNow.AddHours(-1) }))
            {
                Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
            }

            using var beforeWindow = await fixture.Anonymous.PostJson("/orders", Fixtures.LoanOrderJson);
            Assert.Equal("VERIFIED", (await beforeWindow.ReadObject())["status"]!.GetValue<string>());

            using (var open = await Admin.PutAsJsonAsync(path, new { mode = "ON", active_from = DateTimeOffset.UtcNow.AddHours(-1) }))
            {
                Assert.Equal(HttpStatusCode.OK, open.StatusCode);
            }

            using var insideWindow = await fixture.Anonymous.PostJson("/orders", Fixtures.LoanOrderJson);
            Assert.Equal("REJECTED", (await insideWindow.ReadObject())["status"]!.GetValue<string>());
        }
        finally
        {
            using var off = await Admin.PutAsJsonAsync(path, new { enabled = false });
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        }
    }

    [Theory]
    [InlineData("{\"enabled\": false, \"active_from\": \"2026-12-05T08:00:00Z\"}", "active_from")]
    [InlineData("{\"mode\": \"OFF\", \"active_until\": \"2026-12-05T08:00:00Z\"}", "active_until")]
    [InlineData("{\"mode\": \"ON\", \"active_from\": \"2026-12-06T08:00:00Z\", \"active_until\": \"2026-12-06T08:00:00.500Z\"}", "active_until")]
    [InlineData("{\"mode\": \"SHADOW\", \"active_from\": \"tomorrow\"}", "active_from")]
    public async Task A_window_that_cannot_apply_is_400_naming_the_field(string body, string field)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/features/WINDOW_VALIDATION") { Content = JsonRequests.Json(body) };

        using var response = await Admin.SendAsync(request);

        await Problem.Assert(response, HttpStatusCode.BadRequest, field: field);
    }
}
