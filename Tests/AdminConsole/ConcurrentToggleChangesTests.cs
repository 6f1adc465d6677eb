using System.Text.Json.Nodes;

namespace Loans.Tests.AdminConsole;

/// <summary>The console and the JSON API changing one toggle at the same time leave one consistent story.</summary>
[Collection(AdminConsoleCollection.Name)]
public class ConcurrentToggleChangesTests(AdminConsoleFixture fixture)
{
    private const int ChangesPerClient = 50;

    [Fact]
    public async Task Racing_changes_from_the_console_and_the_json_api_are_all_recorded_in_one_consistent_chain()
    {
        var toggle = $"RACE_{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        using var console = fixture.NewConsoleClient();
        await console.SignInAsAdministrator();

        // Every change sets a distinct percentage, so each acknowledged change can be found in the history:
        // the console sets 1..50, the JSON client 51..100, each client one change after the other.
        var fromConsole = Task.Run(async () =>
        {
            for (var i = 1; i <= ChangesPerClient; i++)
            {
                using var response = await console.Submit("/admin/features", new Dictionary<string, string>
                {
                    ["name"] = toggle, ["mode"] = "percentage", ["percentage"] = $"{i}", ["reason"] = $"console {i}",
                });
                Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            }
        });
        var fromJson = Task.Run(async () =>
        {
            for (var i = ChangesPerClient + 1; i <= 2 * ChangesPerClient; i++)
            {
                using var response = await fixture.Admin.PutAsJsonAsync($"/features/{toggle}", new { mode = "PERCENTAGE", percentage = i, reason = $"json {i}" });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        });
        await Task.WhenAll(fromConsole, fromJson);

        var newestFirst = await fixture.Admin.GetFromJsonAsync<JsonArray>($"/features/{toggle}/history?limit=500");
        var history = newestFirst!.Reverse().Select(h => (
            Old: h!["old_state"]?.GetValue<string>(),
            New: h["new_state"]!.GetValue<string>(),
            By: h["changed_by"]!.GetValue<string>())).ToList();
        var final = await fixture.Admin.GetFromJsonAsync<JsonObject>($"/features/{toggle}");

        Assert.Equal(2 * ChangesPerClient, history.Count);
        Assert.Null(history[0].Old);
        for (var i = 1; i < history.Count; i++)
        {
            Assert.True(history[i].Old == history[i - 1].New, $"entry {i} starts from {history[i].Old} but entry {i - 1} ended at {history[i - 1].New}");
        }

        Assert.Equal(Percentages(1, ChangesPerClient), history.Where(h => h.By == AdminConsoleFixture.Username).Select(h => h.New));
        Assert.Equal(Percentages(ChangesPerClient + 1, ChangesPerClient), history.Where(h => h.By == "admin-api-key").Select(h => h.New));
        Assert.Equal(history[^1].New, $"PERCENTAGE {final!["percentage"]!.GetValue<int>()}");
        Assert.Equal("PERCENTAGE", final["mode"]!.GetValue<string>());
    }

    private static IEnumerable<string> Percentages(int first, int count) => Enumerable.Range(first, count).Select(p => $"PERCENTAGE {p}");
}
