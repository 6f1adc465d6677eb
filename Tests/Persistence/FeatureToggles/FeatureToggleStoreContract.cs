using Loans.Grains.Features;

namespace Loans.Tests.Persistence.FeatureToggles;

/// <summary>
/// The toggle-store contract, written once and run against every provider (<c>FeatureToggles:Provider</c>), one subclass
/// each. The toggle grains, the silo caches and the dashboards rely on every one of these: a change is stored with its
/// audit record or not at all, revisions count changes without gaps or repeats, and what a change returns is what a
/// read finds. A toggle's whole life is the same on every provider too: created with its description and owner,
/// edited, archived and restored with an audit record each, its trail paged newest first, its last evaluation moving
/// only forward.
/// </summary>
public abstract class FeatureToggleStoreContract(FeatureToggleStoreFixture provider)
{
    private IFeatureToggleStore Store
    {
        get
        {
            Skip.If(provider.SkipReason is not null, provider.SkipReason);
            return provider.Store;
        }
    }

    private DateTimeOffset Now => provider.Clock.GetUtcNow();

    [SkippableFact]
    public async Task A_fresh_store_lists_the_toggles_the_code_reads_switched_off_never_changed_and_created_at_its_start()
    {
        var toggles = await Store.List();

        Assert.Equal(
            new FeatureToggle(FeatureNames.NewVerification, FeatureToggleMode.Off, 0, UpdatedAt: null, UpdatedBy: null, CreatedAt: provider.StartedAt),
            toggles.Single(t => t.Name == FeatureNames.NewVerification));
        Assert.Equal(toggles.Select(t => t.Name).Order(StringComparer.Ordinal), toggles.Select(t => t.Name));
    }

    [SkippableFact]
    public async Task A_toggle_never_stored_is_not_found() => Assert.Null(await Store.Find(NewName()));

    [SkippableFact]
    public async Task The_first_change_creates_the_toggle_at_revision_one_with_its_description_and_owner_and_a_read_finds_exactly_what_it_returned()
    {
        var name = NewName();
        provider.Clock.Advance(TimeSpan.FromSeconds(1));

        var (saved, changed) = await Store.Save(name, new FeatureToggleChange(FeatureToggleMode.Percentage, 25, "alice", "canary", Description: "New scoring", Owner: "risk team"));

        Assert.True(changed);
        Assert.Equal(
            new FeatureToggle(name, FeatureToggleMode.Percentage, 25, Now, "alice", Revision: 1, PreviousState: null, Description: "New scoring", Owner: "risk team", CreatedAt: Now),
            saved);
        Assert.Equal(saved, await Store.Find(name));
        Assert.Contains(saved, await Store.List());
    }

    [SkippableFact]
    public async Task Each_change_takes_the_next_revision_and_remembers_the_state_before_it()
    {
        var name = NewName();

        var steps = new List<(long, string?, string)>();
        foreach (var change in new[] { new FeatureToggleChange(FeatureToggleMode.Shadow, 0, "rm"), new(FeatureToggleMode.Percentage, 10, "rm"), new(true, "rm"), new(false, "rm") })
        {
            provider.Clock.Advance(TimeSpan.FromSeconds(1));
            var saved = (await Store.Save(name, change)).Toggle;
            steps.Add((saved.Revision, saved.PreviousState, saved.Describe()));
        }

        (long, string?, string)[] expected = [(1L, null, "SHADOW"), (2L, "SHADOW", "PERCENTAGE 10"), (3L, "PERCENTAGE 10", "ON"), (4L, "ON", "OFF")];
        Assert.Equal(expected, steps);
        Assert.Equal((4L, FeatureToggleMode.Off, 0), await Store.Find(name) is { } found ? (found.Revision, found.Mode, found.Percentage) : default);
    }

    [SkippableFact]
    public async Task A_request_for_the_state_a_toggle_already_has_stores_nothing()
    {
        var name = NewName();
        var first = await Store.Save(name, new FeatureToggleChange(FeatureToggleMode.Percentage, 30, "alice"));
        provider.Clock.Advance(TimeSpan.FromMinutes(1));

        var again = await Store.Save(name, new FeatureToggleChange(FeatureToggleMode.Percentage, 30, "bob", "same again"));

        Assert.False(again.Changed);
        Assert.Equal(first.Toggle, again.Toggle);
        Assert.Equal(first.Toggle, await Store.Find(name));
        Assert.Single(await Store.History(name, 10));
    }

    [SkippableFact]
    public async Task Every_change_is_in_its_audit_trail_newest_first_with_the_states_who_when_and_why()
    {
        var name = NewName();
        provider.Clock.Advance(TimeSpan.FromSeconds(1));
        var created = Now;
        await Store.Save(name, new FeatureToggleChange(FeatureToggleMode.Shadow, 0, "alice", "measure first"));
        provider.Clock.Advance(TimeSpan.FromMinutes(5));
        var raised = Now;
        await Store.Save(name, new FeatureToggleChange(FeatureToggleMode.Percentage, 10, "bob"));

        var history = await Store.History(name, 10);

        Assert.Equal(
            [
                new FeatureToggleChangeRecord(name, "SHADOW", "PERCENTAGE 10", raised, "bob", null),
                new FeatureToggleChangeRecord(name, null, "SHADOW", created, "alice", "measure first"),
            ],
            history);
        Assert.Equal([history[0]], await Store.History(name, 1));
    }

    [SkippableFact]
    public async Task The_audit_trail_of_all_toggles_lists_the_latest_changes_of_any_toggle_newest_first()
    {
        var (first, second) = (NewName(), NewName());
        provider.Clock.Advance(TimeSpan.FromSeconds(1));
        await Store.Save(first, new FeatureToggleChange(true, "alice"));
        provider.Clock.Advance(TimeSpan.FromSeconds(1));
        await Store.Save(second, new FeatureToggleChange(FeatureToggleMode.Shadow, 0, "bob"));

        var latest = await Store.History(name: null, 2);

        Assert.Equal([(second, "SHADOW", "bob"), (first, "ON", "alice")], latest.Select(r => (r.Name, r.NewState, r.ChangedBy)));
    }

    [SkippableFact]
    public async Task A_time_window_is_kept_in_whole_utc_seconds_and_is_part_of_the_state()
    {
        var name = NewName();
        var from = new DateTimeOffset(2026, 12, 5, 9, 30, 15, 700, TimeSpan.FromHours(1));
        var until = new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

        var windowed = (await Store.Save(name, new FeatureToggleChange(FeatureToggleMode.On, 100, "alice", ActiveFrom: from, ActiveUntil: until))).Toggle;
        var sameWindow = await Store.Save(name, new FeatureToggleChange(FeatureToggleMode.On, 100, "bob", ActiveFrom: from, ActiveUntil: until));
        var withoutWindow = (await Store.Save(name, new FeatureToggleChange(true, "carol"))).Toggle;

        Assert.Equal((new DateTimeOffset(2026, 12, 5, 8, 30, 15, TimeSpan.Zero), until), (windowed.ActiveFrom, windowed.ActiveUntil));
        Assert.Equal(TimeSpan.Zero, windowed.ActiveFrom!.Value.Offset);
        Assert.False(sameWindow.Changed);
        Assert.Equal((2L, (DateTimeOffset?)null, (DateTimeOffset?)null), (withoutWindow.Revision, withoutWindow.ActiveFrom, withoutWindow.ActiveUntil));
        (string?, string)[] trail = [("ON from 2026-12-05T08:30:15Z until 2026-12-06T08:00:00Z", "ON"), (null, "ON from 2026-12-05T08:30:15Z until 2026-12-06T08:00:00Z")];
        Assert.Equal(trail, (await Store.History(name, 10)).Select(r => (r.OldState, r.NewState)));
        Assert.Equal(withoutWindow, await Store.Find(name));
    }

    [SkippableFact]
    public async Task A_window_read_back_equals_the_one_stored()
    {
        var name = NewName();

        var saved = (await Store.Save(name, new FeatureToggleChange(FeatureToggleMode.Percentage, 40, "alice", ActiveUntil: new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)))).Toggle;

        Assert.Equal(saved, await Store.Find(name));
        Assert.Equal("PERCENTAGE 40 until 2027-01-01T00:00:00Z", saved.Describe());
    }

    [SkippableFact]
    public async Task An_off_toggle_keeps_no_window()
    {
        var name = NewName();

        var saved = (await Store.Save(name, new FeatureToggleChange(false, "alice") with { ActiveFrom = Now.AddDays(1) })).Toggle;

        Assert.Null((await Store.Find(name))!.ActiveFrom);
        Assert.Equal(("OFF", (DateTimeOffset?)null), (saved.Describe(), saved.ActiveFrom));
    }

    [SkippableFact]
    public async Task Concurrent_changes_of_one_toggle_each_get_their_own_revision_and_audit_record()
    {
        var name = NewName();
        var percentages = Enumerable.Range(1, 8).Select(i => i * 10).ToArray();

        var results = await Task.WhenAll(percentages.Select(p => Task.Run(() => Store.Save(name, new FeatureToggleChange(FeatureToggleMode.Percentage, p, $"writer-{p}")))));

        Assert.All(results, r => Assert.True(r.Changed));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), results.Select(r => r.Toggle.Revision).Order());
        var history = (await Store.History(name, 20)).Reverse().ToList();
        Assert.Equal(8, history.Count);
        // Each record starts from the state the one before it left: no change was lost or applied twice.
        Assert.Null(history[0].OldState);
        Assert.All(history.Skip(1).Zip(history), pair => Assert.Equal(pair.Second.NewState, pair.First.OldState));
        var last = results.MaxBy(r => r.Toggle.Revision)!.Toggle;
        Assert.Equal(last, await Store.Find(name));
        Assert.Equal(last.Describe(), history[^1].NewState);
    }

    [SkippableFact]
    public async Task A_later_change_keeps_the_description_owner_and_creation_time()
    {
        var name = NewName();
        var created = Now;
        await Store.Save(name, new FeatureToggleChange(FeatureToggleMode.Shadow, 0, "alice", Description: "scoring", Owner: "risk"));
        provider.Clock.Advance(TimeSpan.FromMinutes(1));

        var raised = (await Store.Save(name, new FeatureToggleChange(FeatureToggleMode.Percentage, 10, "bob", Description: "ignored", Owner: "ignored"))).Toggle;

        Assert.Equal(("scoring", "risk", created, Now), (raised.Description, raised.Owner, raised.CreatedAt, raised.UpdatedAt));
    }

    [SkippableFact]
    public async Task Archive_and_restore_keep_the_mode_and_window_take_a_revision_each_and_are_audited()
    {
        var name = NewName();
        var until = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await Store.Save(name, new FeatureToggleChange(FeatureToggleMode.Percentage, 20, "ann", Description: "scoring", Owner: "risk", ActiveUntil: until));
        provider.Clock.Advance(TimeSpan.FromSeconds(1));

        var archived = (await Store.Edit(name, new FeatureToggleEdit("bob", "done", Archived: true)))!;
        provider.Clock.Advance(TimeSpan.FromSeconds(1));
        var ignored = await Store.Save(name, new FeatureToggleChange(FeatureToggleMode.On, 100, "carl"));
        provider.Clock.Advance(TimeSpan.FromSeconds(1));
        var restored = (await Store.Edit(name, new FeatureToggleEdit("dora", Archived: false)))!;

        Assert.Equal((true, true, 2L, "ARCHIVED", "PERCENTAGE 20 until 2027-01-01T00:00:00Z"),
            (archived.Changed, archived.Toggle.Archived, archived.Toggle.Revision, archived.Toggle.Describe(), archived.Toggle.PreviousState));
        Assert.Equal(archived.Toggle, ignored.Toggle);
        Assert.Equal((false, true), (ignored.Changed, ignored.Toggle.Archived));
        Assert.Equal((3L, "PERCENTAGE 20 until 2027-01-01T00:00:00Z", "scoring", "risk", false),
            (restored.Toggle.Revision, restored.Toggle.Describe(), restored.Toggle.Description, restored.Toggle.Owner, restored.Toggle.Archived));
        Assert.Equal(restored.Toggle, await Store.Find(name));
        Assert.Equal(
            new (string?, string, string, string?)[]
            {
                ("ARCHIVED", "PERCENTAGE 20 until 2027-01-01T00:00:00Z", "dora", null),
                ("PERCENTAGE 20 until 2027-01-01T00:00:00Z", "ARCHIVED", "bob", "done"),
                (null, "PERCENTAGE 20 until 2027-01-01T00:00:00Z", "ann", null),
            },
            (await Store.History(name, 10)).Select(h => (h.OldState, h.NewState, h.ChangedBy, h.Reason)));
    }

    [SkippableFact]
    public async Task Editing_details_is_audited_keeps_the_revision_an_empty_text_clears_and_the_same_details_are_no_change()
    {
        var name = NewName();
        await Store.Save(name, new FeatureToggleChange(FeatureToggleMode.Shadow, 0, "ann", Description: "first", Owner: "ann"));
        provider.Clock.Advance(TimeSpan.FromSeconds(1));

        var edited = (await Store.Edit(name, new FeatureToggleEdit("bob", "clean up", Description: "", Owner: "bob")))!;
        provider.Clock.Advance(TimeSpan.FromSeconds(1));
        var again = (await Store.Edit(name, new FeatureToggleEdit("bob", Description: "", Owner: "bob")))!;

        Assert.Equal((true, (string?)null, (string?)"bob", 1L, "SHADOW", Now.AddSeconds(-1), "bob"),
            (edited.Changed, edited.Toggle.Description, edited.Toggle.Owner, edited.Toggle.Revision, edited.Toggle.Describe(), edited.Toggle.UpdatedAt, edited.Toggle.UpdatedBy));
        Assert.Equal((false, edited.Toggle), (again.Changed, again.Toggle));
        Assert.Equal(edited.Toggle, await Store.Find(name));
        var history = await Store.History(name, 10);
        Assert.Equal(
            new (string?, string, string?)[] { ("description: first; owner: ann", "description: (none); owner: bob", "clean up"), (null, "SHADOW", null) },
            history.Select(h => (h.OldState, h.NewState, h.Reason)));
    }

    [SkippableFact]
    public async Task Editing_a_toggle_never_stored_finds_nothing_and_stores_nothing()
    {
        var name = NewName();

        Assert.Null(await Store.Edit(name, new FeatureToggleEdit("bob", Description: "x")));
        Assert.Null(await Store.Edit(name, new FeatureToggleEdit("bob", Archived: true)));
        Assert.Null(await Store.Find(name));
        Assert.Empty(await Store.History(name, 10));
    }

    [SkippableFact]
    public async Task The_audit_trail_pages_newest_first()
    {
        var name = NewName();
        foreach (var percentage in new[] { 10, 20, 30, 40, 50 })
        {
            provider.Clock.Advance(TimeSpan.FromSeconds(1));
            await Store.Save(name, new FeatureToggleChange(FeatureToggleMode.Percentage, percentage, "rm"));
        }

        var pages = new[] { await Store.History(name, 2), await Store.History(name, 2, skip: 2), await Store.History(name, 2, skip: 4), await Store.History(name, 2, skip: 6) };

        Assert.Equal(
            new[] { new[] { "PERCENTAGE 50", "PERCENTAGE 40" }, ["PERCENTAGE 30", "PERCENTAGE 20"], ["PERCENTAGE 10"], [] },
            pages.Select(page => page.Select(r => r.NewState).ToArray()));
    }

    [SkippableFact]
    public async Task The_last_evaluation_only_moves_forward_ignores_unknown_toggles_and_is_not_a_change()
    {
        var name = NewName();
        var unknown = NewName();
        var saved = (await Store.Save(name, new FeatureToggleChange(true, "ann"))).Toggle;
        var later = Now.AddMinutes(5);

        await Store.RecordEvaluations(new Dictionary<string, DateTimeOffset> { [name] = later, [unknown] = later });
        await Store.RecordEvaluations(new Dictionary<string, DateTimeOffset> { [name] = later.AddMinutes(-3) });
        var toggle = (await Store.Find(name))!;

        Assert.Equal(saved with { LastEvaluatedAt = later }, toggle);
        Assert.Single(await Store.History(name, 10));
        Assert.Null(await Store.Find(unknown));

        await Store.RecordEvaluations(new Dictionary<string, DateTimeOffset> { [name] = later.AddMinutes(1) });
        Assert.Equal(later.AddMinutes(1), (await Store.Find(name))!.LastEvaluatedAt);
    }

    [SkippableFact]
    public async Task A_change_keeps_the_last_evaluation()
    {
        var name = NewName();
        await Store.Save(name, new FeatureToggleChange(true, "ann"));
        var evaluated = Now.AddSeconds(30);
        await Store.RecordEvaluations(new Dictionary<string, DateTimeOffset> { [name] = evaluated });

        var changed = (await Store.Save(name, new FeatureToggleChange(FeatureToggleMode.Shadow, 0, "bob"))).Toggle;

        Assert.Equal(evaluated, changed.LastEvaluatedAt);
        Assert.Equal(changed, await Store.Find(name));
    }

    /// <summary>A toggle of this test alone: tests share a store.</summary>
    private static string NewName() => $"T_{Guid.NewGuid():N}".ToUpperInvariant();
}
