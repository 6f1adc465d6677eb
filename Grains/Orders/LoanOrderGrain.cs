using System.Diagnostics;
using Loans.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Loans.Grains.Orders;

public sealed partial class LoanOrderGrain(
    [PersistentState("order", StorageNames.Orders)] IPersistentState<LoanOrderState> state,
    TimeProvider clock,
    ILogger<LoanOrderGrain> logger) : Grain, ILoanOrderGrain
{
    public async Task<LoanOrder> Submit(LoanApplication application)
    {
        Activity.Current?.SetTag(LoansTelemetry.Tags.OrderId, this.GetPrimaryKey());
        if (state.State.Order is { } stored)
        {
            return stored;
        }

        var verification = await GrainFactory.GetGrain<IFraudVerifierGrain>(0).Verify(application.Customer);
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

        state.State.Order = order;
        using var write = LoansTelemetry.ActivitySource.StartActivity("store loan order");
        write?.SetTag(LoansTelemetry.Tags.OrderId, order.Id);
        write?.SetTag(LoansTelemetry.Tags.OrderStatus, order.Status.ToString());
        try
        {
            await state.WriteStateAsync();
            write?.Stop();
        }
        catch (InconsistentStateException conflict)
        {
            // Another activation (briefly possible after a silo failure) stored this order first; its answer
            // is the one the client may already have seen, so it stands.
            state.State.Order = null;
            await state.ReadStateAsync();
            if (state.State.Order is { } winner)
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

        if (order.Synthetic)
        {
            await GrainFactory.GetGrain<ISyntheticOrdersGrain>(0).Register(order.Id);
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

    public Task<LoanOrder?> Get() => Task.FromResult(state.State.Order);

    public async Task<bool> PurgeSynthetic()
    {
        if (state.State.Order is not { Synthetic: true })
        {
            return false;
        }

        await state.ClearStateAsync();
        DeactivateOnIdle();
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loan order {OrderId} stored as {Status}; failed checks: [{FailedChecks}]")]
    private partial void LogOrderStored(Guid orderId, LoanOrderStatus status, string failedChecks);

    [LoggerMessage(Level = LogLevel.Error, Message = "Loan order {OrderId} could not be stored")]
    private partial void LogWriteFailed(Exception exception, Guid orderId);
}
