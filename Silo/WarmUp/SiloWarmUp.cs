using System.Diagnostics;
using Loans.Grains;
using Loans.Grains.Interfaces;
using Loans.Grains.Interfaces.Orders;
using Loans.Grains.Interfaces.Verification;
using Loans.Grains.Orders;
using Loans.Grains.Verification;
using Orleans.Serialization;
using Orleans.Storage;

namespace Loans.Silo.WarmUp;

/// <summary>
/// Runs the order path's code once before the silo joins the cluster, so that its first orders do not compile it.
/// A restarted silo receives new orders the moment it is active; while each waited on code run for the first time
/// (the rules, toggle evaluation, codecs, the storage's first read), 8 clients went up to 2.3 s without an
/// acknowledged order (docs/cluster.md). Nothing is stored, counted or traced: the rules and evaluation run outside
/// any grain (<see cref="VerificationWarmUp"/>), the codecs copy a sample order, and storage reads an order that
/// does not exist. A warm-up that fails or overruns <see cref="WarmUpOptions.WarmUpTimeout"/> is logged and the
/// silo joins anyway: cold, not later.
/// </summary>
internal sealed partial class SiloWarmUp(
    WarmUpOptions options,
    VerificationWarmUp verification,
    Serializer serializer,
    IGrainFactory grains,
    [FromKeyedServices(StorageNames.Orders)] IGrainStorage orders,
    ILogger<SiloWarmUp> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly LoanApplication SampleApplication = new(
        Guid.Parse("8d1f3f0e-9f59-4bde-a7a5-2b8a6f1b4c11"),
        new Customer(Guid.Parse("33d2f13c-6d96-4883-9871-1e158ced00f2"),
            new Person("Anna", "Kowalska", "86110302148", Gender.Female, new DateOnly(1986, 11, 3))),
        2000m, LoanApplication.DefaultInterestRate, LoanApplication.DefaultCommission, []);

    /// <summary>After every runtime service and storage provider started; just before the silo becomes active.</summary>
    public const int Stage = ServiceLifecycleStage.BecomeActive - 1;

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(SiloWarmUp), Stage, WarmUp);

    private async Task WarmUp(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.WarmUpTimeout);
        try
        {
            await Task.WhenAll(verification.Run(), Codecs(), StorageRead(deadline.Token)).WaitAsync(deadline.Token);
            LogWarmedUp(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogWarmUpFailed(exception, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private Task Codecs()
    {
        var order = new LoanOrder(LoanOrderIds.New(), SampleApplication.Uuid, SampleApplication.Customer, DateTimeOffset.UtcNow,
            SampleApplication.Amount, SampleApplication.InterestRate, SampleApplication.Commission, SampleApplication.Promotions,
            LoanOrderStatus.Verified);
        serializer.Deserialize<LoanApplication>(serializer.SerializeToArray(SampleApplication));
        serializer.Deserialize<LoanOrderState>(serializer.SerializeToArray(new LoanOrderState { Order = order }));
        serializer.Deserialize<CustomerVerificationResult>(serializer.SerializeToArray(
            new CustomerVerificationResult(SampleApplication.Customer.Uuid, VerificationStatus.VerificationPassed, [])));
        return Task.CompletedTask;
    }

    private async Task StorageRead(CancellationToken cancellationToken)
    {
        // Orleans' in-memory storage keeps state in grains, which cannot be called before the silo is active.
        if (orders is MemoryGrainStorage)
        {
            return;
        }

        var absent = grains.ReferenceTo<ILoanOrderGrain>(LoanOrderIds.New()).GetGrainId();
        await orders.ReadStateAsync(LoanOrderGrain.StateName, absent, new GrainState<LoanOrderState>(), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warmed up the order path in {Milliseconds:F0} ms; joining the cluster")]
    private partial void LogWarmedUp(double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up did not finish ({Milliseconds:F0} ms); joining the cluster cold")]
    private partial void LogWarmUpFailed(Exception exception, double milliseconds);
}
