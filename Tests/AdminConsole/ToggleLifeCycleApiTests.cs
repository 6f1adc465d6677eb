using System.Text.Json.Nodes;

namespace Loans.Tests.AdminConsole;

/// <summary>
/// A toggle's life over the JSON API against real Silo and Api processes: description and owner, creation and
/// last evaluation, stale, archive and restore, paged history, and exposure counted by the silo.
/// </summary>
[Collection(AdminConsoleCollection.Name)]
public class ToggleLifeCycleApiTests(AdminConsoleFixture fixture)
{
    [Fact]
    public async Task A_toggle_created_with_a_description_and_owner_shows_them_with_its_creation_time()
    {
        var toggle = NewName("DESCRIBED");
        var before = DateTimeOffset.UtcNow;

        using var created = await fixture.Admin.PutAsJsonAsync($"/features/{toggle}", new { mode = "OFF", description = "Tries the new scoring", owner = "team-risk" });
        var stored = await Get(toggle);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(("Tries the new scoring", "team-risk", false, false),
            (stored["description"]!.GetValue<string>(), stored["owner"]!.GetValue<string>(), stored["archived"]!.GetValue<bool>(), stored["stale"]!.GetValue<bool>()));
        var createdAt = stored["created_at"]!.GetValue<DateTimeOffset>();
        Assert.InRange(createdAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Null(stored["last_evaluated_at"]);
    }

    [Fact]
    public async Task Editing_the_description_and_owner_is_audited_from_old_to_new_and_changes_no_revision()
    {
        var toggle = NewName("EDITED");
        (await fixture.Admin.PutAsJsonAsync($"/features/{toggle}", new { mode = "SHADOW", description = "first", owner = "ann" })).Dispose();

        using var edited = await fixture.Admin.PatchAsJsonAsync($"/features/{toggle}", new { description = "second", owner = "bob", reason = "handed over" });
        var history = await History(toggle, "?limit=10");
        var stored = await Get(toggle);

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(("description: first; owner: ann", "description: second; owner: bob", "admin-api-key", "handed over"),
            (history[0]!["old_state"]!.GetValue<string>(), history[0]!["new_state"]!.GetValue<string>(), history[0]!["changed_by"]!.GetValue<string>(), history[0]!["reason"]!.GetValue<string>()));
        Assert.Equal(("second", "bob", "SHADOW", 1L), (stored["description"]!.GetValue<string>(), stored["owner"]!.GetValue<string>(), stored["mode"]!.GetValue<string>(), stored["revision"]!.GetValue<long>()));
    }

    [Fact]
    public async Task An_archived_toggle_evaluates_as_off_leaves_the_main_list_refuses_changes_and_a_restore_brings_it_back()
    {
        var toggle = FeatureNames.NewVerification;
        try
        {
            (await fixture.Admin.PutAsJsonAsync($"/features/{toggle}", new { mode = "ON", reason = "archive test" })).Dispose();
            Assert.Equal("REJECTED", await PlaceSampleOrder());

            using var archived = await fixture.Admin.PostAsJsonAsync($"/features/{toggle}/archive", new { reason = "done with it" });
            var listed = await Names("/features");
            var archivedList = await Names("/features?filter=archived");
            var statusWhileArchived = await PlaceSampleOrder();
            using var refused = await fixture.Admin.PutAsJsonAsync($"/features/{toggle}", new { mode = "OFF" });
            var stored = await Get(toggle);

            Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
            Assert.Equal("VERIFIED", statusWhileArchived);
            Assert.DoesNotContain(toggle, listed);
            Assert.Contains(toggle, archivedList);
            await Problem.Assert(refused, HttpStatusCode.Conflict);
            Assert.Equal((true, false, "ON"), (stored["archived"]!.GetValue<bool>(), stored["enabled"]!.GetValue<bool>(), stored["mode"]!.GetValue<string>()));

            using var restored = await fixture.Admin.PostAsync($"/features/{toggle}/restore", content: null);
            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
            Assert.Equal("REJECTED", await PlaceSampleOrder());
            var history = await History(toggle, "?limit=3");
            Assert.Equal(new (string, string, string?)[] { ("ARCHIVED", "ON", null), ("ON", "ARCHIVED", "done with it") },
                history.Take(2).Select(h => (h!["old_state"]!.GetValue<string>(), h["new_state"]!.GetValue<string>(), h["reason"]?.GetValue<string>())));
        }
        finally
        {
            (await fixture.Admin.PostAsync($"/features/{toggle}/restore", content: null)).Dispose();
            (await fixture.Admin.PutAsJsonAsync($"/features/{toggle}", new { mode = "OFF", reason = "archive test clean-up" })).Dispose();
        }
    }

    [Fact]
    public async Task History_pages_run_newest_first_without_gaps_or_repeats()
    {
        var toggle = NewName("PAGED");
        for (var percentage = 1; percentage <= 5; percentage++)
        {
            (await fixture.Admin.PutAsJsonAsync($"/features/{toggle}", new { mode = "PERCENTAGE", percentage })).Dispose();
        }

        var pages = new List<string[]>();
        for (var page = 1; page <= 4; page++)
        {
            pages.Add((await History(toggle, $"?limit=2&page={page}")).Select(h => h!["new_state"]!.GetValue<string>()).ToArray());
        }

        Assert.Equal(["PERCENTAGE 5", "PERCENTAGE 4"], pages[0]);
        Assert.Equal(["PERCENTAGE 3", "PERCENTAGE 2"], pages[1]);
        Assert.Equal(["PERCENTAGE 1"], pages[2]);
        Assert.Empty(pages[3]);
    }

    [Fact]
    public async Task Exposure_counts_each_verification_under_the_variant_it_ran_under()
    {
        var before = await Exposure();

        for (var i = 0; i < 3; i++)
        {
            await PlaceSampleOrder();
        }

        var after = await Exposure();
        Assert.Equal(1, after["silos"]!.GetValue<int>());
        Assert.Equal(3600, after["window_seconds"]!.GetValue<int>());
        Assert.Equal(Count(before, "off") + 3, Count(after, "off"));
        Assert.Equal(Count(before, "on"), Count(after, "on"));
        Assert.Equal(after["total"]!.GetValue<long>(), after["variants"]!.AsObject().Sum(v => v.Value!.GetValue<long>()));
    }

    [Fact]
    public async Task Last_evaluated_follows_real_evaluations_and_a_toggle_nobody_evaluates_goes_stale()
    {
        var idle = NewName("IDLE");
        (await fixture.Admin.PutAsJsonAsync($"/features/{idle}", new { mode = "OFF" })).Dispose();
        Assert.False((await Get(idle))["stale"]!.GetValue<bool>());
        var ordered = DateTimeOffset.UtcNow;

        await PlaceSampleOrder();

        var evaluated = await Eventually(async () => await Get(FeatureNames.NewVerification) is var t
            && t["last_evaluated_at"] is { } at && at.GetValue<DateTimeOffset>() >= ordered.AddMilliseconds(-50) ? t : null);
        Assert.False(evaluated["stale"]!.GetValue<bool>());
        Assert.Contains(FeatureNames.NewVerification, await Names("/features?filter=active"));

        var stale = await Eventually(async () => await Get(idle) is var t && t["stale"]!.GetValue<bool>() ? t : null);
        Assert.Null(stale["last_evaluated_at"]);
        Assert.Contains(idle, await Names("/features?filter=stale"));
        Assert.DoesNotContain(idle, await Names("/features?filter=active"));
    }

    [Fact]
    public async Task The_list_is_searched_by_part_of_a_name_in_any_case_and_a_wrong_filter_is_400()
    {
        var marker = $"FIND{Guid.NewGuid():N}"[..14].ToUpperInvariant();
        (await fixture.Admin.PutAsJsonAsync($"/features/A_{marker}_ONE", new { mode = "OFF" })).Dispose();
        (await fixture.Admin.PutAsJsonAsync($"/features/B_{marker}_TWO", new { mode = "OFF" })).Dispose();

        var found = await Names($"/features?q={marker.ToLowerInvariant()}");
        using var wrong = await fixture.Admin.GetAsync("/features?filter=sideways");

        Assert.Equal([$"A_{marker}_ONE", $"B_{marker}_TWO"], found);
        await Problem.Assert(wrong, HttpStatusCode.BadRequest, "filter");
    }

    private static string NewName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)].ToUpperInvariant();

    private static long Count(JsonObject exposure, string variant) => exposure["variants"]![variant]?.GetValue<long>() ?? 0;

    private async Task<JsonObject> Exposure() => (await fixture.Admin.GetFromJsonAsync<JsonObject>($"/features/{FeatureNames.NewVerification}/exposure"))!;

    private async Task<JsonObject> Get(string toggle) => (await fixture.Admin.GetFromJsonAsync<JsonObject>($"/features/{toggle}"))!;

    private async Task<JsonArray> History(string toggle, string query) => (await fixture.Admin.GetFromJsonAsync<JsonArray>($"/features/{toggle}/history{query}"))!;

    private async Task<string[]> Names(string path) =>
        (await fixture.Admin.GetFromJsonAsync<JsonArray>(path))!.Select(t => t!["name"]!.GetValue<string>()).ToArray();

    private async Task<string> PlaceSampleOrder()
    {
        using var response = await fixture.System.Api.PostJson("/orders", Fixtures.LoanOrderJson);
        return (await response.ReadObject())["status"]!.GetValue<string>();
    }

    private static async Task<JsonObject> Eventually(Func<Task<JsonObject?>> probe)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 20 s.");
            await Task.Delay(250);
        }
    }
}
