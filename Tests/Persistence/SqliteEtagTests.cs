using Loans.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Loans.Tests.Persistence;

/// <summary>
/// ETags are the row's version, counted from 1; every conflict says which state of which grain in which table,
/// the ETag the writer held and the one stored, so an operator can tell a lost race from a deleted row.
/// </summary>
public sealed class SqliteEtagTests : IDisposable
{
    private readonly TemporaryDirectory directory = new("sqlite-etags");
    private readonly SqliteGrainStorage storage;
    private readonly GrainId grain = GrainId.Create("loanorder", "g");

    public SqliteEtagTests()
    {
        storage = new SqliteGrainStorage("orders", new SqliteGrainStorageOptions { DataSource = directory.File("loans.db") }, TimeProvider.System, NullLogger<SqliteGrainStorage>.Instance);
        storage.Open();
    }

    public sealed class Document
    {
        public int Version { get; set; }
    }

    [Fact]
    public async Task Each_write_moves_the_etag_on_by_one_from_1()
    {
        var state = State(1);

        await storage.WriteStateAsync("order", grain, state);
        var first = state.ETag;
        state.State!.Version = 2;
        await storage.WriteStateAsync("order", grain, state);
        var read = await Read();

        Assert.Equal(("1", "2"), (first, state.ETag));
        Assert.True(state.RecordExists);
        Assert.Equal("2", read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(2, read.State!.Version);
    }

    [Fact]
    public async Task A_second_first_write_names_no_expected_etag_and_the_stored_one()
    {
        await storage.WriteStateAsync("order", grain, State(1));

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("order", grain, State(2)));

        Assert.Equal("Version conflict writing order of grain loanorder/g to SQLite table 'orders': expected ETag none, stored 1.", conflict.Message);
        Assert.Equal("1", conflict.StoredEtag);
        Assert.Equal("none", conflict.CurrentEtag);
    }

    [Fact]
    public async Task A_stale_write_names_the_etag_it_held_and_the_newer_one_stored()
    {
        var winner = State(1);
        await storage.WriteStateAsync("order", grain, winner);
        var loser = State(2);
        loser.ETag = winner.ETag;
        await storage.WriteStateAsync("order", grain, winner);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("order", grain, loser));

        Assert.Equal("Version conflict writing order of grain loanorder/g to SQLite table 'orders': expected ETag 1, stored 2.", conflict.Message);
        Assert.Equal("1", conflict.CurrentEtag);
    }

    [Fact]
    public async Task Writing_over_a_row_that_was_deleted_meanwhile_says_none_is_stored()
    {
        var state = State(1);
        await storage.WriteStateAsync("order", grain, state);
        var holder = State(2);
        holder.ETag = state.ETag;
        await storage.ClearStateAsync("order", grain, state);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("order", grain, holder));

        Assert.Equal("none", conflict.StoredEtag);
        Assert.Equal("1", conflict.CurrentEtag);
    }

    [Fact]
    public async Task Clearing_resets_the_state_and_clearing_a_state_never_written_succeeds()
    {
        var state = State(7);
        await storage.WriteStateAsync("order", grain, state);

        await storage.ClearStateAsync("order", grain, state);
        var never = new GrainState<Document>(new Document { Version = 3 });
        await storage.ClearStateAsync("order", GrainId.Create("loanorder", "never"), never);

        Assert.Equal((0, (string?)null, false), (state.State!.Version, state.ETag, state.RecordExists));
        Assert.Equal((0, (string?)null, false), (never.State!.Version, never.ETag, never.RecordExists));
        Assert.False((await Read()).RecordExists);
    }

    [Fact]
    public async Task A_state_never_written_reads_as_a_fresh_state_without_etag()
    {
        var read = new GrainState<Document>(new Document { Version = 9 }) { ETag = "5", RecordExists = true };

        await storage.ReadStateAsync("order", grain, read);

        Assert.Equal((0, (string?)null, false), (read.State!.Version, read.ETag, read.RecordExists));
    }

    [Fact]
    public async Task A_state_written_as_null_reads_back_as_a_fresh_state_that_exists()
    {
        await storage.WriteStateAsync("order", grain, new GrainState<Document>(null!));

        var read = await Read();

        Assert.NotNull(read.State);
        Assert.Equal(0, read.State.Version);
        Assert.Equal("1", read.ETag);
        Assert.True(read.RecordExists);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData(" 1")]
    [InlineData("+1")]
    [InlineData("1.0")]
    public async Task An_etag_this_storage_never_issued_is_a_conflict_not_a_database_fault(string etag)
    {
        var state = State(1);
        state.ETag = etag;

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("order", grain, state));

        Assert.Equal($"ETag '{etag}' was not issued by SQLite grain storage.", conflict.Message);
        Assert.Equal(etag, conflict.StoredEtag);
        Assert.Equal("unknown", conflict.CurrentEtag);
    }

    public void Dispose()
    {
        storage.Dispose();
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    private async Task<GrainState<Document>> Read()
    {
        var read = new GrainState<Document>();
        await storage.ReadStateAsync("order", grain, read);
        return read;
    }

    private static GrainState<Document> State(int version) => new(new Document { Version = version });
}
