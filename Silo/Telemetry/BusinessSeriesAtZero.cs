using Microsoft.Extensions.Hosting;
using Loans.Grains.Telemetry;

namespace Loans.Silo.Telemetry;

/// <summary>
/// Starts the business counters' series at zero once the metrics pipeline listens (it is registered after it,
/// and hosted services start in order), so the first order of each status is an increase Prometheus can see.
/// </summary>
internal sealed class BusinessSeriesAtZero : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LoansTelemetry.StartSeriesAtZero();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
