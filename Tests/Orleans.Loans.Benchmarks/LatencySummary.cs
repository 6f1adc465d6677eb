namespace Loans.Benchmarks;

/// <summary>Throughput and latency percentiles of one measured window, from every sample (sorted, no binning).</summary>
public sealed record LatencySummary(double RequestsPerSecond, double P50Ms, double P90Ms, double P99Ms, double P999Ms, long Requests, long Errors, long Timeouts)
{
    public static LatencySummary From(List<long> ticks, TimeSpan window, long errors, long timeouts)
    {
        ticks.Sort();
        double Percentile(double p) => ticks.Count == 0 ? 0 : ticks[Math.Min(ticks.Count - 1, (int)Math.Ceiling(p * ticks.Count) - 1)] * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
        return new LatencySummary(ticks.Count / window.TotalSeconds, Percentile(0.50), Percentile(0.90), Percentile(0.99), Percentile(0.999), ticks.Count, errors, timeouts);
    }

    /// <summary>The median of each figure over the alternated rounds.</summary>
    public static LatencySummary Median(IReadOnlyList<LatencySummary> rounds)
    {
        double M(Func<LatencySummary, double> f)
        {
            var values = rounds.Select(f).Order().ToArray();
            return values.Length % 2 == 1 ? values[values.Length / 2] : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
        }

        return new LatencySummary(M(r => r.RequestsPerSecond), M(r => r.P50Ms), M(r => r.P90Ms), M(r => r.P99Ms), M(r => r.P999Ms),
            rounds.Sum(r => r.Requests), rounds.Sum(r => r.Errors), rounds.Sum(r => r.Timeouts));
    }
}
