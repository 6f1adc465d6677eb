using Loans.Grains.Orders;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Loans.Tests.Persistence.Conformance;

/// <summary>
/// The grain-storage contract, written once and run against every provider the silo can be configured with
/// (one subclass per provider). A grain relies on each of these to never lose or silently overwrite a state.
/// </summary>
public abstract class GrainStorageConformance(GrainStorageProviderFixture provider)
{
    private const string StateName = "order";

    private IGrainStorage Storage
    {
        get
        {
            Skip.If(provider.SkipReason is not null, provider.SkipReason);
            return provider.Storage;
        }
    }

    [SkippableFact]
    public async Task Reading_a_grain_that_was_never_written_finds_no_record()
    {
        var read = new GrainState<LoanOrderState>();

        await Storage.ReadStateAsync(StateName, NewGrainId(), read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Null(read.State!.Order);
    }

    [SkippableFact]
    public async Task A_written_state_reads_back_exactly_with_the_etag_of_the_write()
    {
        var grain = NewGrainId();
        var written = new GrainState<LoanOrderState>(SampleStates.Order());

        await Storage.WriteStateAsync(StateName, grain, written);
        var read = await Read(grain);

        Assert.True(written.RecordExists);
        Assert.NotNull(written.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(SampleStates.Text(written.State), SampleStates.Text(read.State));
    }

    [SkippableFact]
    public async Task An_update_with_the_current_etag_replaces_the_state_and_changes_the_etag()
    {
        var grain = NewGrainId();
        var state = new GrainState<LoanOrderState>(SampleStates.Order(status: LoanOrderStatus.New));
        await Storage.WriteStateAsync(StateName, grain, state);
        var first = state.ETag;

        state.State = new LoanOrderState { Order = state.State!.Order! with { Status = LoanOrderStatus.Approved, Amount = 1234.56m } };
        await Storage.WriteStateAsync(StateName, grain, state);
        var read = await Read(grain);

        Assert.NotEqual(first, state.ETag);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(LoanOrderStatus.Approved, read.State!.Order!.Status);
        Assert.Equal(1234.56m, read.State!.Order.Amount);
    }

    [SkippableFact]
    public async Task A_write_with_a_stale_etag_is_rejected_and_the_stored_state_is_kept()
    {
        var grain = NewGrainId();
        var winner = new GrainState<LoanOrderState>(SampleStates.Order(status: LoanOrderStatus.New));
        await Storage.WriteStateAsync(StateName, grain, winner);
        var loser = new GrainState<LoanOrderState>(SampleStates.Order(status: LoanOrderStatus.Rejected)) { ETag = winner.ETag };
        winner.State = new LoanOrderState { Order = winner.State!.Order! with { Status = LoanOrderStatus.Approved } };
        await Storage.WriteStateAsync(StateName, grain, winner);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain, loser));

        Assert.Equal(winner.ETag, conflict.StoredEtag);
        var read = await Read(grain);
        Assert.Equal(LoanOrderStatus.Approved, read.State!.Order!.Status);
        Assert.Equal(winner.ETag, read.ETag);
    }

    [SkippableFact]
    public async Task Of_concurrent_first_writes_of_one_grain_exactly_one_wins()
    {
        var grain = NewGrainId();
        var writers = Enumerable.Range(0, 8).Select(i => new GrainState<LoanOrderState>(SampleStates.Order(amount: 1000m + i))).ToArray();

        var outcomes = await Task.WhenAll(writers.Select(async w =>
        {
            try
            {
                await Storage.WriteStateAsync(StateName, grain, w);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Equal(1, outcomes.Count(won => won));
        var winner = writers[Array.IndexOf(outcomes, true)];
        var read = await Read(grain);
        Assert.Equal(winner.State!.Order!.Amount, read.State!.Order!.Amount);
        Assert.Equal(winner.ETag, read.ETag);
    }

    [SkippableFact]
    public async Task A_cleared_state_reads_as_no_record_and_may_be_written_again()
    {
        var grain = NewGrainId();
        var state = new GrainState<LoanOrderState>(SampleStates.Order());
        await Storage.WriteStateAsync(StateName, grain, state);

        await Storage.ClearStateAsync(StateName, grain, state);
        var cleared = await Read(grain);
        cleared.State = SampleStates.Order(amount: 5000m);
        await Storage.WriteStateAsync(StateName, grain, cleared);

        Assert.False(state.RecordExists);
        Assert.Null(state.State!.Order);
        Assert.Equal(5000m, (await Read(grain)).State!.Order!.Amount);
    }

    [SkippableFact]
    public async Task Clearing_with_a_stale_etag_is_rejected_and_the_state_is_kept()
    {
        var grain = NewGrainId();
        var state = new GrainState<LoanOrderState>(SampleStates.Order());
        await Storage.WriteStateAsync(StateName, grain, state);
        var stale = new GrainState<LoanOrderState>(state.State) { ETag = state.ETag };
        await Storage.WriteStateAsync(StateName, grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, grain, stale));

        var read = await Read(grain);
        Assert.True(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
    }

    [SkippableFact]
    public async Task A_state_of_about_one_mebibyte_reads_back_exactly()
    {
        var grain = NewGrainId();
        var large = new GrainState<LoanOrderState>(SampleStates.Large());
        var text = SampleStates.Text(large.State);
        Assert.InRange(text.Length, 1_000_000, 2_000_000);

        await Storage.WriteStateAsync(StateName, grain, large);

        Assert.Equal(text, SampleStates.Text((await Read(grain)).State));
    }

    [SkippableFact]
    public async Task A_thousand_grains_each_keep_their_own_state()
    {
        var grains = Enumerable.Range(0, 1_000).Select(i => (Id: NewGrainId(), Amount: 100m + i)).ToArray();

        foreach (var batch in grains.Chunk(100))
        {
            await Task.WhenAll(batch.Select(g => Storage.WriteStateAsync(StateName, g.Id, new GrainState<LoanOrderState>(SampleStates.Order(amount: g.Amount)))));
        }

        foreach (var batch in grains.Chunk(100))
        {
            var reads = await Task.WhenAll(batch.Select(g => Read(g.Id)));
            Assert.Equal(batch.Select(g => g.Amount), reads.Select(r => r.State!.Order!.Amount));
        }
    }

    private async Task<GrainState<LoanOrderState>> Read(GrainId grain)
    {
        var state = new GrainState<LoanOrderState>();
        await Storage.ReadStateAsync(StateName, grain, state);
        return state;
    }

    private static GrainId NewGrainId() => GrainId.Create("loanorder", Guid.NewGuid().ToString("N"));
}
