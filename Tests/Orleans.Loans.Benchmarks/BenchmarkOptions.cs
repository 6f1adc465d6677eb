using System.Globalization;

namespace Loans.Benchmarks;

/// <summary>Command-line settings: --smoke, --out DIR, --window SECONDS, --warmup SECONDS, --rounds N, --connections 1,8,32,128, --memory-grains N, --soak 15m --soak-rate R (POST/s), --growth 10000,1000000 (stored orders, small then large), --jit-warmup SECONDS (load on both before the first measurement), --set Key=Value (a setting for the system's processes, repeatable, e.g. Dashboard__Enabled=false).</summary>
public sealed record BenchmarkOptions(
    bool Smoke,
    string OutputDirectory,
    TimeSpan Warmup,
    TimeSpan Window,
    int Rounds,
    int[] Connections,
    int WarmOrders,
    int MemoryGrains,
    TimeSpan Soak = default,
    double SoakRate = 1500,
    int[]? Growth = null,
    TimeSpan JitWarmup = default,
    IReadOnlyDictionary<string, string>? SystemSettings = null)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var smoke = args.Contains("--smoke");
        var options = smoke
            ? new BenchmarkOptions(true, "artifacts/benchmarks", TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), 1, [1, 8], 20, 200, JitWarmup: TimeSpan.FromSeconds(1))
            : new BenchmarkOptions(false, "artifacts/benchmarks", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), 2, [1, 8, 32, 128], 1000, 100_000, JitWarmup: TimeSpan.FromSeconds(30));
        for (var i = 0; i < args.Length - 1; i++)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--out" => options with { OutputDirectory = value },
                "--window" => options with { Window = Seconds(value) },
                "--warmup" => options with { Warmup = Seconds(value) },
                "--memory-grains" => options with { MemoryGrains = int.Parse(value, CultureInfo.InvariantCulture) },
                "--soak" => options with { Soak = TimeSpan.FromMinutes(double.Parse(value.TrimEnd('m'), CultureInfo.InvariantCulture)) },
                "--soak-rate" => options with { SoakRate = double.Parse(value, CultureInfo.InvariantCulture) },
                "--growth" => options with { Growth = [.. value.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))] },
                "--jit-warmup" => options with { JitWarmup = Seconds(value) },
                "--rounds" => options with { Rounds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--connections" => options with { Connections = [.. value.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))] },
                "--set" => options with { SystemSettings = WithSetting(options.SystemSettings, value) },
                _ => options,
            };
        }

        return options;
    }

    private static Dictionary<string, string> WithSetting(IReadOnlyDictionary<string, string>? settings, string assignment)
    {
        var separator = assignment.IndexOf('=', StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw new ArgumentException($"--set expects Key=Value (an environment variable such as Dashboard__Enabled=false), not '{assignment}'.");
        }

        return new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            [assignment[..separator]] = assignment[(separator + 1)..],
        };
    }

    private static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
}
