using System.Globalization;
using System.Net.Sockets;

namespace Loans.Tests.Infrastructure;

/// <summary>
/// Loopback ports for the servers the tests start, each handed out once per machine while its test process runs.
/// </summary>
/// <remarks>
/// Asking the kernel for port 0 and releasing it is not a reservation: the kernel hands out ports from
/// <c>ip_local_port_range</c> (32768–60999 here) to every bind(0) and every outgoing connection, so the number can
/// be given to someone else before the test's server binds it (two such calls once returned one port to a silo
/// and an API). Ports below that range go only to explicit binders. This allocator therefore takes them from a
/// range of its own, above Orleans' TestCluster ranges (silo 22300–30000, gateway below 22000) and below the
/// kernel's: an atomic cursor gives each port at most once per test process, a file lock per port (held until the
/// process exits) keeps concurrent test processes apart, and a trial bind skips ports that something else holds.
/// </remarks>
public static class FreePort
{
    /// <summary>First port of the tests' own range, just above Orleans' TestCluster silo ports.</summary>
    public const int RangeStart = 30_001;

    private static readonly int RangeEnd = EphemeralRangeStart();
    private static readonly string LockDirectory = Path.Combine(Path.GetTempPath(), "loans-test-ports");
    private static readonly List<FileStream> Held = [];
    private static int cursor = Random.Shared.Next(RangeStart, RangeEnd) - 1;
    private static int handedOut;

    /// <summary>A loopback port nobody listens on, never handed out before by any test process still running.</summary>
    public static int Next()
    {
        Directory.CreateDirectory(LockDirectory);
        var size = RangeEnd - RangeStart;
        for (var attempt = 0; attempt < size; attempt++)
        {
            var port = RangeStart + (int)((uint)Interlocked.Increment(ref cursor) % (uint)size);
            if (TryReserve(port) && IsFree(port))
            {
                Interlocked.Increment(ref handedOut);
                return port;
            }
        }

        throw new InvalidOperationException(
            $"No free loopback port left in the tests' range {RangeStart}–{RangeEnd - 1} after {handedOut} handed out; " +
            $"stale test processes may hold them (see {LockDirectory}).");
    }

    /// <summary>True when <paramref name="output"/> says a server could not bind its port.</summary>
    public static bool IsBindFailure(string output) =>
        output.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
        || output.Contains("AddressAlreadyInUse", StringComparison.Ordinal)
        || output.Contains("EADDRINUSE", StringComparison.Ordinal);

    /// <summary>Takes the port's lock file for this process's lifetime; false when another test process holds it.</summary>
    private static bool TryReserve(int port)
    {
        try
        {
            var stream = new FileStream(Path.Combine(LockDirectory, port.ToString(CultureInfo.InvariantCulture)),
                FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            lock (Held)
            {
                Held.Add(stream);
            }

            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static bool IsFree(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port the kernel may hand out by itself; the tests' range ends below it.</summary>
    private static int EphemeralRangeStart()
    {
        const int linuxDefault = 32_768;
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
                .Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            var start = int.Parse(range[0], CultureInfo.InvariantCulture);
            if (start < RangeStart + 1_000)
            {
                throw new InvalidOperationException(
                    $"The kernel's ephemeral port range starts at {start}, inside the tests' own range from {RangeStart}; " +
                    "set net.ipv4.ip_local_port_range to start at 32768 or above.");
            }

            return start;
        }
        catch (IOException)
        {
            return linuxDefault;
        }
    }
}
