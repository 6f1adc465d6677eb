using Loans.Grains.Telemetry;
using Loans.Tests.Observability;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Loans.Tests.Regression;

/// <summary>
/// Defect: the verification timer's lowest bucket was 0.5 ms while a verification takes tens of microseconds, so
/// 98.7 % of observations fell in that one bucket and its p50/p95/p99 panel drew interpolations, not measurements.
/// </summary>
public class VerificationTimerResolutionTests
{
    [Fact]
    public async Task Prometheus_quantiles_of_known_verification_durations_are_within_one_bucket_of_the_true_ones()
    {
        // Durations shaped like the measured run: log-normal around a 25 µs median, a tail to a few hundred µs.
        var random = new Random(15);
        var durations = Enumerable.Range(0, 2000)
            .Select(_ => 25e-6 * Math.Exp(0.9 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))
            .ToArray();
        var result = $"calibration-{Guid.NewGuid():N}";
        var port = FreePort.Next();
        using (var meters = Sdk.CreateMeterProviderBuilder()
                   .AddMeter(LoansTelemetry.Name)
                   .AddPrometheusHttpListener(listener =>
                   {
                       listener.Host = "127.0.0.1";
                       listener.Port = port;
                   })
                   .Build())
        {
            // The real instrument, as FraudVerifierGrain records it.
            foreach (var duration in durations)
            {
                LoansTelemetry.VerificationDuration.Record(duration, new KeyValuePair<string, object?>(LoansTelemetry.Tags.Result, result));
            }

            var target = new Uri($"http://127.0.0.1:{port}");
            await using var prometheus = PrometheusServer.Start([target], target);
            await prometheus.WaitUntilScraping(TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(2));

            // No bucket holds half of the observations (the old bounds put all of these in one).
            var buckets = (await prometheus.Query($"max by (le) (loans_customer_verification_duration_seconds_bucket{{result=\"{result}\"}})"))
                .Select(b => (Le: ParseLe(b!["metric"]!["le"]!.GetValue<string>()), Count: double.Parse(b!["value"]![1]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)))
                .OrderBy(b => b.Le)
                .ToList();
            Assert.Equal(durations.Length, buckets[^1].Count);
            var fullest = buckets.Select((b, i) => b.Count - (i == 0 ? 0 : buckets[i - 1].Count)).Max() / durations.Length;
            Assert.True(fullest < 0.5, $"{fullest:P1} of the observations fall in one bucket.");

            // The panel's quantiles, as Prometheus computes them, are within one bucket's width of the true ones.
            var sorted = durations.Order().ToArray();
            foreach (var q in new[] { 0.5, 0.95, 0.99 })
            {
                var truth = sorted[(int)Math.Ceiling(q * sorted.Length) - 1];
                var estimate = (await prometheus.Query(
                    $"histogram_quantile({q.ToString(System.Globalization.CultureInfo.InvariantCulture)}, max by (le) (loans_customer_verification_duration_seconds_bucket{{result=\"{result}\"}}))"))
                    .Select(r => double.Parse(r!["value"]![1]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture))
                    .Single();
                var upper = LoansTelemetry.VerificationBuckets.First(bound => bound >= truth);
                var lower = LoansTelemetry.VerificationBuckets.LastOrDefault(bound => bound < truth);
                Assert.True(Math.Abs(estimate - truth) <= upper - lower, $"p{q * 100}: Prometheus says {estimate * 1e6:F1} µs, the true value is {truth * 1e6:F1} µs (bucket {lower * 1e6}–{upper * 1e6} µs).");
            }

            meters.ForceFlush();
        }
    }

    private static double ParseLe(string le) => le == "+Inf" ? double.PositiveInfinity : double.Parse(le, System.Globalization.CultureInfo.InvariantCulture);
}
