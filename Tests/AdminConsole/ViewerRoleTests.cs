using System.Text.Json.Nodes;

namespace Loans.Tests.AdminConsole;

/// <summary>
/// A viewer reads everything and changes nothing: every change a viewer attempts, with its API key or signed in to
/// the console, is refused with 403 and leaves the toggle and its history as they were.
/// </summary>
[Collection(AdminConsoleCollection.Name)]
public class ViewerRoleTests(AdminConsoleFixture fixture)
{
    private const string Toggle = "VIEWER_ROLE_PROBE";

    [Theory]
    [InlineData("/features")]
    [InlineData("/features?filter=stale")]
    [InlineData("/features/NEW_VERIFICATION")]
    [InlineData("/features/NEW_VERIFICATION/history")]
    [InlineData("/features/NEW_VERIFICATION/exposure")]
    public async Task A_viewer_key_reads(string path)
    {
        using var response = await fixture.Viewer.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("PUT", "", "{\"mode\": \"ON\"}")]
    [InlineData("PATCH", "", "{\"description\": \"taken over\"}")]
    [InlineData("POST", "/archive", "{\"reason\": \"viewer tries\"}")]
    [InlineData("POST", "/restore", "{}")]
    public async Task A_viewer_key_change_is_403_and_changes_nothing(string method, string suffix, string body)
    {
        var (state, history) = await Snapshot();
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/features/{Toggle}{suffix}") { Content = JsonRequests.Json(body) };

        using var response = await fixture.Viewer.SendAsync(request);

        var problem = await Problem.Assert(response, HttpStatusCode.Forbidden);
        Assert.Contains(AdminConsoleFixture.ViewerKeyName, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((state, history), await Snapshot());
    }

    [Fact]
    public async Task A_viewer_key_cannot_purge_synthetic_orders()
    {
        using var response = await fixture.Viewer.DeleteAsync("/synthetic-orders");

        await Problem.Assert(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_signed_in_viewer_sees_the_pages_without_any_change_form()
    {
        await Snapshot();
        using var client = fixture.NewConsoleClient();
        await client.SignInAsViewer();

        var list = await client.Page("/admin/features");
        var page = await client.Page($"/admin/features/{Toggle}");

        foreach (var html in new[] { list, page })
        {
            Assert.Contains("viewer, read-only", html, StringComparison.Ordinal);
            Assert.DoesNotContain("name=\"mode\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("/archive\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("/details\"", html, StringComparison.Ordinal);
        }

        Assert.Contains($"data-toggle=\"{Toggle}\"", list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/features", "on")]
    [InlineData("/admin/features/VIEWER_ROLE_PROBE/details", null)]
    [InlineData("/admin/features/VIEWER_ROLE_PROBE/archive", null)]
    [InlineData("/admin/features/VIEWER_ROLE_PROBE/restore", null)]
    public async Task A_signed_in_viewer_posting_a_change_is_403_and_changes_nothing(string path, string? mode)
    {
        var (state, history) = await Snapshot();
        using var client = fixture.NewConsoleClient();
        await client.SignInAsViewer();
        var fields = new Dictionary<string, string> { ["name"] = Toggle, ["reason"] = "viewer tries", ["description"] = "taken over", ["owner"] = "viewer" };
        if (mode is not null)
        {
            fields["mode"] = mode;
            fields["confirm"] = "yes";
        }

        using var response = await client.Submit(path, fields);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Nothing was changed.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((state, history), await Snapshot());
    }

    [Fact]
    public async Task A_viewer_signs_in_with_the_viewer_role_and_an_editor_with_the_editor_role()
    {
        using var viewer = fixture.NewConsoleClient();
        await viewer.SignInAsViewer();
        using var editor = fixture.NewConsoleClient();
        await editor.SignInAsAdministrator();

        Assert.Contains("(viewer, read-only)", await viewer.Page("/admin/features"), StringComparison.Ordinal);
        Assert.Contains("(editor)", await editor.Page("/admin/features"), StringComparison.Ordinal);
    }

    /// <summary>The probe toggle's stored state and its full audit trail, created first if missing.</summary>
    private async Task<(string State, string History)> Snapshot()
    {
        (await fixture.Admin.PutAsJsonAsync($"/features/{Toggle}", new { mode = "SHADOW", description = "viewer probe", owner = "tests" })).Dispose();
        var state = (await fixture.Admin.GetFromJsonAsync<JsonObject>($"/features/{Toggle}"))!;
        state.Remove("last_evaluated_at");
        state.Remove("stale");
        var history = (await fixture.Admin.GetFromJsonAsync<JsonArray>($"/features/{Toggle}/history?limit=500"))!;
        return (state.ToJsonString(), history.ToJsonString());
    }
}
