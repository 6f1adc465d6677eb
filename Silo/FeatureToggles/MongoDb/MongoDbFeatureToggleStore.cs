using Loans.Grains.Features;
using Loans.Grains.Interfaces;
using Loans.Grains.Interfaces.Features;
using Loans.Silo.Storage.MongoDb;
using MongoDB.Bson;
using MongoDB.Driver;
using static Loans.Silo.FeatureToggles.MongoDb.MongoDbToggleDocuments;

namespace Loans.Silo.FeatureToggles.MongoDb;

/// <summary>
/// Toggles in MongoDB, next to the orders: a document per toggle and one per audit record (see
/// <see cref="MongoDbToggleDocuments"/>), so every silo on every machine reads the same values. A change and its audit
/// record are written in one transaction (which needs a replica set; one node will do), retried while MongoDB says the
/// failure is transient (a concurrent change of the same toggle, an election) for at most
/// <see cref="MongoDbFeatureToggleStoreOptions.TransactionTimeout"/>. Driver failures surface as
/// <see cref="StorageUnavailableException"/> (HTTP 503), never as a half-written change.
/// </summary>
internal sealed partial class MongoDbFeatureToggleStore : IFeatureToggleStore, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private static readonly FilterDefinitionBuilder<BsonDocument> Filter = Builders<BsonDocument>.Filter;
    private static readonly SortDefinitionBuilder<BsonDocument> Sort = Builders<BsonDocument>.Sort;

    /// <summary>A change reads the toggle it replaces and writes both documents as of one snapshot.</summary>
    private static readonly TransactionOptions ChangeTransaction = new(readConcern: ReadConcern.Snapshot, writeConcern: WriteConcern.WMajority);

    private readonly MongoDbFeatureToggleStoreOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<MongoDbFeatureToggleStore> logger;
    private readonly MongoClient client;
    private readonly IMongoCollection<BsonDocument> toggles;
    private readonly IMongoCollection<BsonDocument> history;
    private readonly string servers;
    private readonly Lock gate = new();
    private Task? preparing;

    public MongoDbFeatureToggleStore(IOptions<MongoDbFeatureToggleStoreOptions> options, TimeProvider clock, ILogger<MongoDbFeatureToggleStore> logger)
    {
        this.options = options.Value;
        this.clock = clock;
        this.logger = logger;
        var settings = MongoClientSettings.FromConnectionString(this.options.ConnectionString);
        settings.ServerSelectionTimeout = this.options.ServerSelectionTimeout;
        settings.ConnectTimeout = this.options.ServerSelectionTimeout;
        // The servers only: the connection string may carry credentials.
        servers = string.Join(",", settings.Servers);
        client = new MongoClient(settings);
        var database = client.GetDatabase(this.options.Database);
        toggles = database.GetCollection<BsonDocument>(this.options.TogglesCollectionName);
        history = database.GetCollection<BsonDocument>(this.options.HistoryCollectionName);
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(MongoDbFeatureToggleStore), ServiceLifecycleStage.ApplicationServices, Start);

    /// <summary>
    /// Checks that MongoDB can run transactions, creates the audit trail's indexes and the known toggles. A standalone
    /// server stops the silo with a message saying how to fix it; a server that does not answer yet does not (the silo
    /// waited for it already, see GrainStorage:MongoDb:StartupTimeout): the first operation that reaches it does the rest.
    /// </summary>
    public async Task Start(CancellationToken cancellationToken)
    {
        try
        {
            await Prepared(cancellationToken);
        }
        catch (StorageUnavailableException exception)
        {
            LogPreparationDeferred(servers, exception.Message);
        }
    }

    public Task<FeatureToggle?> Find(string name, CancellationToken cancellationToken = default) =>
        Run("read toggle " + name, async () =>
        {
            var document = await toggles.Find(Filter.Eq(Id, name)).FirstOrDefaultAsync(cancellationToken);
            return document is null ? null : ReadToggle(document);
        }, cancellationToken);

    public Task<IReadOnlyList<FeatureToggle>> List(CancellationToken cancellationToken = default) =>
        Run("list toggles", async () =>
        {
            var documents = await toggles.Find(Filter.Empty).Sort(Sort.Ascending(Id)).ToListAsync(cancellationToken);
            return (IReadOnlyList<FeatureToggle>)documents.Select(ReadToggle).ToList();
        }, cancellationToken);

    public Task<IReadOnlyList<FeatureToggleChangeRecord>> History(string? name, int limit, int skip = 0, CancellationToken cancellationToken = default) =>
        Run("read the audit trail", async () =>
        {
            // One toggle's changes are numbered by its revision (an edit of its description or owner keeps the revision,
            // and comes after the change that set it); across toggles, the time of the change orders them.
            var query = name is null
                ? history.Find(Filter.Empty).Sort(Sort.Descending(ChangedAt).Descending(Id))
                : history.Find(Filter.Eq(Name, name)).Sort(Sort.Descending(Revision).Descending(ChangedAt).Descending(Id));
            var documents = await query.Skip(skip).Limit(limit).ToListAsync(cancellationToken);
            return (IReadOnlyList<FeatureToggleChangeRecord>)documents.Select(ReadChange).ToList();
        }, cancellationToken);

    public Task<FeatureToggleSetResult> Save(string name, FeatureToggleChange change, CancellationToken cancellationToken = default) =>
        InTransaction("change toggle " + name, name, (session, token) => Change(session, name, change, token), cancellationToken);

    public Task<FeatureToggleSetResult?> Edit(string name, FeatureToggleEdit edit, CancellationToken cancellationToken = default) =>
        InTransaction("edit toggle " + name, name, (session, token) => Edit(session, name, edit, token), cancellationToken);

    public Task RecordEvaluations(IReadOnlyDictionary<string, DateTimeOffset> lastEvaluated, CancellationToken cancellationToken = default) =>
        Run("record evaluations", async () =>
        {
            if (lastEvaluated.Count == 0)
            {
                return 0L;
            }

            // Silos report in any order, so a time only ever moves forward: an update matches a toggle that has no
            // time yet (null or missing) or an earlier one. No upsert: an unknown name is ignored. Not a change, so
            // neither an audit record nor a transaction: each toggle's update is atomic on its own.
            var updates = lastEvaluated.Select(evaluated =>
            {
                var at = new BsonDateTime(evaluated.Value.ToUnixTimeMilliseconds());
                return new UpdateOneModel<BsonDocument>(
                    Filter.Eq(Id, evaluated.Key) & (Filter.Eq(LastEvaluatedAt, BsonNull.Value) | Filter.Lt(LastEvaluatedAt, at)),
                    Builders<BsonDocument>.Update.Set(LastEvaluatedAt, at));
            });
            var written = await toggles.BulkWriteAsync(updates, new BulkWriteOptions { IsOrdered = false }, cancellationToken);
            return written.ModifiedCount;
        }, cancellationToken);

    /// <summary>
    /// Runs one change in a transaction, retried by the driver while MongoDB calls the failure transient, for at most
    /// <see cref="MongoDbFeatureToggleStoreOptions.TransactionTimeout"/>.
    /// </summary>
    private Task<T> InTransaction<T>(
        string operation, string name, Func<IClientSessionHandle, CancellationToken, Task<T>> attempt, CancellationToken cancellationToken) =>
        Run(operation, async () =>
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.TransactionTimeout);
            using var session = await client.StartSessionAsync(cancellationToken: deadline.Token);
            try
            {
                return await session.WithTransactionAsync((s, token) => attempt(s, token), ChangeTransaction, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new StorageUnavailableException(
                    $"MongoDB feature toggle store at {servers}: the change of {name} did not commit within {options.TransactionTimeout:c} "
                    + $"({MongoDbFeatureToggleStoreOptions.SectionName}:TransactionTimeout); it was not applied unless the toggle now shows it.");
            }
        }, cancellationToken);

    /// <summary>One attempt of a change, inside its transaction. MongoDB aborts it on a concurrent change of the same toggle; the driver then runs it again.</summary>
    private async Task<FeatureToggleSetResult> Change(IClientSessionHandle session, string name, FeatureToggleChange change, CancellationToken cancellationToken)
    {
        var old = await Read(session, name, cancellationToken);

        // Storing a toggle for the first time is a change even in OFF (it is created and listed from then on).
        // An archived toggle is released again only by a restore: the caller sees it still archived.
        if (old is not null && (old.Archived || old.SameStateAs(change)))
        {
            // Not a change: no write, no audit record, no new revision.
            return new FeatureToggleSetResult(old, Changed: false);
        }

        var saved = FeatureToggleChanges.Apply(name, old, change, ToBsonPrecision(clock.GetUtcNow()));
        await Write(session, old, saved, change.Reason, cancellationToken);
        return new FeatureToggleSetResult(saved, Changed: true);
    }

    /// <summary>One attempt of an edit (description, owner, archive, restore); a toggle never stored comes back as null.</summary>
    private async Task<FeatureToggleSetResult?> Edit(IClientSessionHandle session, string name, FeatureToggleEdit edit, CancellationToken cancellationToken)
    {
        if (await Read(session, name, cancellationToken) is not { } old)
        {
            return null;
        }

        if (FeatureToggleChanges.Apply(old, edit, ToBsonPrecision(clock.GetUtcNow())) is not { } edited)
        {
            return new FeatureToggleSetResult(old, Changed: false);
        }

        await Write(session, old, edited, edit.Reason, cancellationToken);
        return new FeatureToggleSetResult(edited, Changed: true);
    }

    private async Task<FeatureToggle?> Read(IClientSessionHandle session, string name, CancellationToken cancellationToken)
    {
        var stored = await toggles.Find(session, Filter.Eq(Id, name)).FirstOrDefaultAsync(cancellationToken);
        return stored is null ? null : ReadToggle(stored);
    }

    /// <summary>Writes the toggle and the audit record of the step from <paramref name="old"/>, in the caller's transaction.</summary>
    private async Task Write(IClientSessionHandle session, FeatureToggle? old, FeatureToggle saved, string? reason, CancellationToken cancellationToken)
    {
        if (old is null)
        {
            await toggles.InsertOneAsync(session, Toggle(saved), cancellationToken: cancellationToken);
        }
        else
        {
            // Matched on the revision read: a hand edit that bumped it since makes this attempt a conflict, not an overwrite.
            var replaced = await toggles.ReplaceOneAsync(session, Filter.Eq(Id, saved.Name) & Filter.Eq(Revision, old.Revision), Toggle(saved), new ReplaceOptions(), cancellationToken);
            if (replaced.MatchedCount != 1)
            {
                throw new StorageUnavailableException($"MongoDB feature toggle store at {servers}: {saved.Name} changed while this change was written; nothing was stored, try again.");
            }
        }

        await history.InsertOneAsync(session, MongoDbToggleDocuments.Change(old, saved, reason), cancellationToken: cancellationToken);
    }

    /// <summary>Runs once successfully; a failed preparation is tried again by the next operation.</summary>
    private Task Prepared(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (preparing is null || preparing.IsFaulted || preparing.IsCanceled)
            {
                preparing = Prepare(cancellationToken);
            }

            return preparing;
        }
    }

    private async Task Prepare(CancellationToken cancellationToken)
    {
        BsonDocument hello;
        try
        {
            hello = await client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("hello", 1), cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (exception is MongoException or TimeoutException)
        {
            throw Unavailable("reach the server", exception);
        }

        if (!MongoDbTransactionSupport.Supported(hello))
        {
            throw new InvalidOperationException(MongoDbTransactionSupport.StandaloneMessage(servers));
        }

        try
        {
            await history.Indexes.CreateManyAsync(
            [
                // A toggle's trail, newest first. Not unique on the revision: an edit of the description or owner keeps it.
                new CreateIndexModel<BsonDocument>(
                    Builders<BsonDocument>.IndexKeys.Ascending(Name).Descending(Revision).Descending(ChangedAt).Descending(Id),
                    new CreateIndexOptions { Name = "ix_name_revision_changed_at" }),
                new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Descending(ChangedAt), new CreateIndexOptions { Name = "ix_changed_at" }),
            ], cancellationToken);
            foreach (var name in FeatureNames.All)
            {
                await Seed(name, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is MongoException or TimeoutException)
        {
            throw Unavailable("prepare its collections", exception);
        }

        LogReady(servers, options.Database, options.TogglesCollectionName, options.HistoryCollectionName);
    }

    /// <summary>Toggles the code reads exist, switched off, from the first start (as in SQLite); an existing one is left alone.</summary>
    private async Task Seed(string name, CancellationToken cancellationToken)
    {
        var fields = MongoDbToggleDocuments.Seed(name, clock.GetUtcNow());
        fields.Remove(Id);
        try
        {
            await toggles.UpdateOneAsync(
                Filter.Eq(Id, name),
                new BsonDocumentUpdateDefinition<BsonDocument>(new BsonDocument("$setOnInsert", fields)),
                new UpdateOptions { IsUpsert = true },
                cancellationToken);
        }
        catch (MongoException exception) when (MongoDbGrainStorage.IsDuplicateKey(exception))
        {
            // Another silo created it at the same moment.
        }
    }

    private async Task<T> Run<T>(string operation, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        await Prepared(cancellationToken);
        try
        {
            return await action();
        }
        catch (Exception exception) when (exception is MongoException or TimeoutException)
        {
            throw Unavailable(operation, exception);
        }
    }

    private StorageUnavailableException Unavailable(string operation, Exception exception)
    {
        LogFailed(exception, operation, servers);
        return new StorageUnavailableException($"MongoDB feature toggle store at {servers} could not {operation}: {exception.Message}");
    }

    public void Dispose() => client.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Feature toggle store ready in MongoDB at {Servers}, database {Database}, collections {Toggles} and {History}")]
    private partial void LogReady(string servers, string database, string toggles, string history);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feature toggle store: MongoDB at {Servers} did not answer at start-up, will prepare on first use: {Reason}")]
    private partial void LogPreparationDeferred(string servers, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Feature toggle store could not {Operation} in MongoDB at {Servers}")]
    private partial void LogFailed(Exception exception, string operation, string servers);
}
