using System.Globalization;

namespace Loans.Benchmarks;

/// <summary>
/// A process's resident memory (RSS) and its proportional share (PSS: a page shared with other processes, such as
/// the .NET and ASP.NET Core assemblies every .NET process here maps, counts as 1/N in each). Linux /proc only.
/// </summary>
public sealed record ProcessMemory(long RssBytes, long PssBytes)
{
    public static ProcessMemory Of(int pid) => new(RssOf(pid), Kilobytes($"/proc/{pid}/smaps_rollup", "Pss:"));

    /// <summary>RSS alone, from /proc/PID/status: cheap, unlike PSS, which makes the kernel walk every mapping.</summary>
    public static long RssOf(int pid) => Kilobytes($"/proc/{pid}/status", "VmRSS:");

    public static ProcessMemory operator +(ProcessMemory left, ProcessMemory right) =>
        new(left.RssBytes + right.RssBytes, left.PssBytes + right.PssBytes);

    private static long Kilobytes(string file, string field)
    {
        var line = File.ReadLines(file).First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
