using Loans.Grains.Interfaces.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Loans.Api.Health;

/// <summary>
/// Ready while some silo answers through its gateway. A call that went to a silo which has just died waits for its
/// answer until the response timeout, while the survivor could answer at once; so each attempt gets a short
/// timeout and the next one asks another gateway, until the check's own budget runs out. Only when no attempt in
/// the whole budget is answered is the API not ready.
/// </summary>
internal sealed class ClusterHealthCheck(IClusterClient cluster) : IHealthCheck
{
    /// <summary>
    /// Far above a healthy answer (a few milliseconds) and well below the 3 s budget, so a dead gateway costs at
    /// most this much before another is asked.
    /// </summary>
    internal static readonly TimeSpan AttemptTimeout = TimeSpan.FromMilliseconds(750);

    /// <summary>
    /// The client sends calls to one grain through one gateway connection, chosen per grain id. Probe grains with
    /// different keys therefore spread over the gateways; a few keys are enough, and they bound the activations.
    /// </summary>
    private const int ProbeKeys = 4;

    private static int nextKey;

    /// <summary>The whole check, below the 3 s the health check is registered with, so it ends with its own answer.</summary>
    internal static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(2500);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failures = new List<string>();
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < Budget)
        {
            var key = (uint)Interlocked.Increment(ref nextKey) % ProbeKeys;
            try
            {
                var probe = await cluster.GetGrain<IClusterProbeGrain>(key).Probe().WaitAsync(AttemptTimeout, cancellationToken);
                var data = new Dictionary<string, object> { ["activeSilos"] = probe.ActiveSilos, ["attempts"] = failures.Count + 1 };
                return probe.ActiveSilos > 0
                    ? HealthCheckResult.Healthy($"Silo {probe.Silo} answered; {probe.ActiveSilos} active silos.", data)
                    : HealthCheckResult.Unhealthy($"Silo {probe.Silo} answered but knows no active silo.", data: data);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A refused or dropped connection fails at once: a short pause keeps a dead cluster from being asked in a tight loop.
                failures.Add($"{exception.GetType().Name}: {exception.Message}");
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }

        return HealthCheckResult.Unhealthy(
            $"No silo answered in {failures.Count} attempts within {Budget.TotalSeconds:0.#} s; last: {failures[^1]}",
            data: new Dictionary<string, object> { ["activeSilos"] = 0, ["attempts"] = failures.Count });
    }
}
