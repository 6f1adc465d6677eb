using System.Globalization;

namespace Loans.Benchmarks;

/// <summary>The names the report gives the things it compares, one per topology, storage and floor.</summary>
public static class Contenders
{
    public const string Baseline = "Baseline: in-process Kestrel + SQLite";
    public const string TwoProcesses = "System, 2 processes (Silo + Api)";
    public const string CoHosted = "System, co-hosted (1 process: Silo:HostApi)";
    public const string AdoNet = "System, co-hosted, Orleans ADO.NET SQLite storage";
    public const string FloorTwoProcesses = "Floor, 2 processes: GET / → empty grain via gateway";
    public const string FloorCoHosted = "Floor, 1 process: GET / → empty grain in-process";
    public const string ClusterClient = "Grain Get() via cluster client, no HTTP";
    public const string BaselineRead = "Baseline: SQLite read in-process, no HTTP";
}

/// <summary>One contender's medians over its alternated rounds.</summary>
public sealed record ContenderResult(string Contender, LatencySummary Summary);

/// <summary>
/// One scenario at one concurrency with every contender, alternated round by round in one run; the first
/// contender is what the others are divided by (the baseline).
/// </summary>
public sealed record RoundRobinResult(string Scenario, int Connections, IReadOnlyList<ContenderResult> Contenders)
{
    public ContenderResult Baseline => Contenders[0];

    public LatencySummary? Of(string contender) => Contenders.FirstOrDefault(c => c.Contender == contender)?.Summary;

    public static double Ratio(double value, double of) => of == 0 ? 0 : value / of;

    public string Describe() => string.Join(", ", Contenders.Select(c =>
        string.Create(CultureInfo.InvariantCulture, $"{c.Contender} {c.Summary.RequestsPerSecond:F0}/s ({Ratio(c.Summary.RequestsPerSecond, Baseline.Summary.RequestsPerSecond):F2}×)")));
}
