using System.Diagnostics;
using Loans.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Loans.Grains.Orders;

/// <summary>
/// One loan order. Its state is loaded lazily rather than on activation: a new order's id is fresh, so its
/// first write is an insert that storage refuses if the order exists after all, and only then is it read.
/// That spares every new order a storage read; reads of stored orders load it on first use.
/// The caller's cancellation token is its deadline for starting work, passed on to the storage write: a Submit whose
/// write has not started by then stores nothing and says so with OperationCanceledException.
/// </summary>
public sealed partial class LoanOrderGrain(
    [FromKeyedServices(StorageNames.Orders)] IGrainStorage storage,
    TimeProvider clock,
    ILogger<LoanOrderGrain> logger) : Grain, ILoanOrderGrain
{
    private const string StateName = "order";
    private readonly StoredState state = new();
    private bool loaded;

    public async Task<LoanOrder> Submit(LoanApplication application, CancellationToken cancellationToken = default)
    {
        Activity.Current?.SetTag(LoansTelemetry.Tags.OrderId, this.GetPrimaryKey());
        if (!loaded && SubmitAttempts.IsRetry())
        {
            await Load(cancellationToken);
        }

        if (state.State.Order is { } stored)
        {
            return stored;
        }

        // A caller already past its deadline gets no verification and no write.
        cancellationToken.ThrowIfCancellationRequested();

        var verification = await GrainFactory.ReferenceTo<IFraudVerifierGrain>(0).Verify(application.Customer);
        var order = new LoanOrder(
            Id: this.GetPrimaryKey(),
            Uuid: application.Uuid,
            Customer: application.Customer,
            OrderDate: clock.GetUtcNow(),
            Amount: application.Amount,
            InterestRate: application.InterestRate,
            Commission: application.Commission,
            Promotions: application.Promotions,
            Status: verification.Passed ? LoanOrderStatus.Verified : LoanOrderStatus.Rejected,
            Synthetic: application.Synthetic);

        if (order.Synthetic)
        {
            // Registered before it is stored: a silo lost between the two then leaves an id that purge skips,
            // never a stored synthetic order that no purge can find.
            await GrainFactory.ReferenceTo<ISyntheticOrdersGrain>(0).Register(order.Id);
        }

        state.State.Order = order;
        using var write = LoansTelemetry.ActivitySource.StartActivity("store loan order");
        // SQLite and MongoDB honour the token while a write waits; the memory store ignores it, so check here too.
        write?.SetTag(LoansTelemetry.Tags.OrderId, order.Id);
        write?.SetTag(LoansTelemetry.Tags.OrderStatus, order.Status.ToString());
        try
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                await storage.WriteStateAsync(StateName, this.GetGrainId(), state, cancellationToken);
            }
            catch (InconsistentStateException) when (!loaded)
            {
                // The order exists after all (a retried submit, or another activation briefly possible after a
                // silo failure stored it first); its answer is the one the client may already have seen.
                if (await StoredOrder() is { } winner)
                {
                    return winner;
                }

                // Only a cleared record (a purged synthetic order) was there: write over it with its ETag.
                state.State.Order = order;
                await storage.WriteStateAsync(StateName, this.GetGrainId(), state, cancellationToken);
            }

            loaded = true;
            write?.Stop();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller's deadline passed before the write started: nothing was stored, nor will be, and the
            // caller may say so. A retry (same id) writes it then.
            write?.SetStatus(ActivityStatusCode.Error, "deadline passed before the write");
            state.State.Order = null;
            throw;
        }
        catch (InconsistentStateException conflict)
        {
            if (await StoredOrder() is { } winner)
            {
                return winner;
            }

            DeactivateOnIdle();
            LogWriteFailed(conflict, order.Id);
            throw;
        }
        catch (Exception exception)
        {
            write?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            // The order was never acknowledged: forget it, and reload from storage on the next call so that
            // a retry neither sees a phantom order nor writes with a stale ETag.
            state.State.Order = null;
            DeactivateOnIdle();
            LogWriteFailed(exception, order.Id);
            throw;
        }

        LoansTelemetry.Orders.Add(1,
            new KeyValuePair<string, object?>(LoansTelemetry.Tags.Status, order.Status.ToString().ToLowerInvariant()),
            new KeyValuePair<string, object?>(LoansTelemetry.Tags.Synthetic, order.Synthetic ? "true" : "false"));
        LogOrderStored(order.Id, order.Status, string.Join(',', verification.FailedChecks));
        // A new order is read at most a few times, soon after; keeping every one in memory for the idle timeout
        // makes memory grow with the order rate. It is stored, so the next call reactivates it from storage.
        DeactivateOnIdle();
        return order;
    }

    public async Task<LoanOrder?> Get(CancellationToken cancellationToken = default)
    {
        if (!loaded)
        {
            await Load(cancellationToken);
        }

        return state.State.Order;
    }

    public async Task<bool> PurgeSynthetic()
    {
        if (await Get() is not { Synthetic: true })
        {
            return false;
        }

        await storage.ClearStateAsync(StateName, this.GetGrainId(), state);
        DeactivateOnIdle();
        return true;
    }

    /// <summary>
    /// Drops the order this activation failed to write and reads what storage holds instead. Not cancellable: the
    /// order is stored (by an earlier attempt), and a caller must hear that rather than "cancelled", which means
    /// "not stored".
    /// </summary>
    private async Task<LoanOrder?> StoredOrder()
    {
        state.State.Order = null;
        await Load(CancellationToken.None);
        return state.State.Order;
    }

    private async Task Load(CancellationToken cancellationToken)
    {
        await storage.ReadStateAsync(StateName, this.GetGrainId(), state, cancellationToken);
        loaded = true;
    }

    private sealed class StoredState : IGrainState<LoanOrderState>
    {
        private LoanOrderState current = new();

        // Storage sets null when nothing is stored; the grain always sees a state object.
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public LoanOrderState State { get => current; set => current = value ?? new(); }

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Loan order {OrderId} stored as {Status}; failed checks: [{FailedChecks}]")]
    private partial void LogOrderStored(Guid orderId, LoanOrderStatus status, string failedChecks);

    [LoggerMessage(Level = LogLevel.Error, Message = "Loan order {OrderId} could not be stored")]
    private partial void LogWriteFailed(Exception exception, Guid orderId);
}
