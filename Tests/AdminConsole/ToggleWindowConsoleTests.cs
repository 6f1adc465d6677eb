using System.Text.Json.Nodes;

namespace Loans.Tests.AdminConsole;

/// <summary>
/// The console sets a toggle's time window (UTC, optional) as the API's PUT does, and a click on a mode keeps the
/// window the toggle has: a change replaces the whole state, so the forms carry the window along.
/// </summary>
[Collection(AdminConsoleCollection.Name)]
public class ToggleWindowConsoleTests(AdminConsoleFixture fixture)
{
    [Fact]
    public async Task A_window_set_in_the_console_is_the_toggles_window_shown_on_its_page_and_kept_by_a_click_in_the_list()
    {
        const string name = "CONSOLE_WINDOW_PROBE";
        using var client = fixture.NewConsoleClient();
        await client.SignInAsAdministrator();

        using var created = await client.Submit("/admin/features", new Dictionary<string, string>
        {
            ["name"] = name, ["mode"] = "shadow", ["active_from"] = "2026-12-05T08:00", ["active_until"] = "2026-12-06T08:00:30",
        });
        var page = await client.Page($"/admin/features/{name}");
        var list = await client.Page("/admin/features");
        // What the list row's form sends when the percentage button is clicked: its hidden window fields as they are.
        var hidden = Hidden(list, name);
        using var raised = await client.Submit("/admin/features", new Dictionary<string, string>(hidden) { ["name"] = name, ["mode"] = "percentage", ["percentage"] = "10" });

        Assert.Equal(HttpStatusCode.SeeOther, created.StatusCode);
        Assert.Contains("<dd class=\"window\">from 2026-12-05T08:00:00Z until 2026-12-06T08:00:30Z</dd>", page, StringComparison.Ordinal);
        Assert.Contains("name=\"active_from\" type=\"datetime-local\" step=\"1\" value=\"2026-12-05T08:00:00\"", page, StringComparison.Ordinal);
        Assert.Equal(("2026-12-05T08:00:00", "2026-12-06T08:00:30"), (hidden["active_from"], hidden["active_until"]));
        Assert.Equal(HttpStatusCode.SeeOther, raised.StatusCode);
        var state = await State(name);
        Assert.Equal(("PERCENTAGE", 10, "2026-12-05T08:00:00+00:00", "2026-12-06T08:00:30+00:00"),
            (state["mode"]!.GetValue<string>(), state["percentage"]!.GetValue<int>(), Instant(state["active_from"]), Instant(state["active_until"])));
    }

    [Fact]
    public async Task Off_drops_the_window_the_form_carries_and_emptied_fields_remove_it()
    {
        const string name = "CONSOLE_WINDOW_OFF_PROBE";
        using var client = fixture.NewConsoleClient();
        await client.SignInAsAdministrator();
        (await client.Submit("/admin/features", new Dictionary<string, string> { ["name"] = name, ["mode"] = "shadow", ["active_until"] = "2027-01-01T00:00" })).Dispose();

        using var off = await client.Submit("/admin/features", new Dictionary<string, string> { ["name"] = name, ["mode"] = "off", ["active_until"] = "2027-01-01T00:00:00" });
        var afterOff = await State(name);
        (await client.Submit("/admin/features", new Dictionary<string, string> { ["name"] = name, ["mode"] = "shadow", ["active_until"] = "2027-01-01T00:00" })).Dispose();
        (await client.Submit("/admin/features", new Dictionary<string, string> { ["name"] = name, ["mode"] = "shadow", ["active_from"] = "", ["active_until"] = "" })).Dispose();
        var emptied = await State(name);

        Assert.Equal(HttpStatusCode.SeeOther, off.StatusCode);
        Assert.Equal(("OFF", true), (afterOff["mode"]!.GetValue<string>(), afterOff["active_until"] is null));
        Assert.Equal(("SHADOW", true, true), (emptied["mode"]!.GetValue<string>(), emptied["active_from"] is null, emptied["active_until"] is null));
    }

    [Theory]
    [InlineData("tomorrow", "", "active_from")]
    [InlineData("", "2026-13-01T00:00", "active_until")]
    [InlineData("2026-12-06T08:00", "2026-12-05T08:00", "active_until")]
    public async Task A_window_that_is_not_a_time_or_ends_before_it_starts_is_400_and_changes_nothing(string from, string until, string field)
    {
        const string name = "CONSOLE_WINDOW_BAD_PROBE";
        using var client = fixture.NewConsoleClient();
        await client.SignInAsAdministrator();
        (await client.Submit("/admin/features", new Dictionary<string, string> { ["name"] = name, ["mode"] = "shadow" })).Dispose();
        var before = await State(name);

        using var response = await client.Submit("/admin/features", new Dictionary<string, string> { ["name"] = name, ["mode"] = "on", ["active_from"] = from, ["active_until"] = until });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"{field}: ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(before, await State(name)));
    }

    private static string? Instant(JsonNode? node) =>
        node is null ? null : DateTimeOffset.Parse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The hidden window fields of the toggle's row in the list.</summary>
    private static Dictionary<string, string> Hidden(string list, string name)
    {
        var row = list[list.IndexOf($"name=\"name\" value=\"{name}\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</form>", StringComparison.Ordinal)];
        return new[] { "active_from", "active_until" }.ToDictionary(field => field, field =>
        {
            var at = row.IndexOf($"name=\"{field}\" value=\"", StringComparison.Ordinal) + $"name=\"{field}\" value=\"".Length;
            return row[at..row.IndexOf('"', at)];
        });
    }

    private async Task<JsonObject> State(string name) =>
        (await fixture.Admin.GetFromJsonAsync<JsonObject>($"/features/{name}"))!;
}
