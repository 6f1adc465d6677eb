using System.Net.Sockets;

namespace Loans.Tests.Regression;

/// <summary>
/// FreePort.Next() used to bind port 0, read the number and release it, so two calls (or a call and any outgoing
/// connection on the machine) could get the same port: a silo and an API of one test were once handed 41469 both,
/// and the API died with "address already in use".
/// </summary>
public class PortCollisionTests
{
    [Fact]
    public async Task Many_concurrent_allocations_never_return_the_same_port()
    {
        const int workers = 16, perWorker = 25;
        using var start = new ManualResetEventSlim();
        var allocations = Enumerable.Range(0, workers).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return Enumerable.Range(0, perWorker).Select(_ => FreePort.Next()).ToArray();
        })).ToArray();
        start.Set();

        var ports = (await Task.WhenAll(allocations)).SelectMany(p => p).ToArray();

        var repeated = ports.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.True(repeated.Length == 0, $"Ports handed out more than once: {string.Join(", ", repeated)}");
        Assert.Equal(workers * perWorker, ports.Length);
    }

    [Fact]
    public void Ports_come_from_below_the_range_the_kernel_hands_to_port_0_and_outgoing_connections()
    {
        var kernelFirst = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], System.Globalization.CultureInfo.InvariantCulture);

        var ports = Enumerable.Range(0, 20).Select(_ => FreePort.Next()).ToArray();

        Assert.All(ports, port => Assert.InRange(port, FreePort.RangeStart, kernelFirst - 1));
    }

    [Fact]
    public void A_port_something_listens_on_is_never_handed_out()
    {
        // Occupy most of the range's next ports from outside the allocator, as another program would.
        var occupied = new List<Socket>();
        try
        {
            var first = FreePort.Next();
            for (var port = first + 1; port < first + 40; port++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                    socket.Listen();
                    occupied.Add(socket);
                }
                catch (SocketException)
                {
                    socket.Dispose();
                }
            }

            var taken = occupied.Select(s => ((IPEndPoint)s.LocalEndPoint!).Port).ToHashSet();
            var handedOut = Enumerable.Range(0, 60).Select(_ => FreePort.Next()).ToArray();

            Assert.DoesNotContain(handedOut, taken.Contains);
        }
        finally
        {
            occupied.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public void A_server_that_cannot_bind_its_port_is_reported_as_such()
    {
        Assert.True(FreePort.IsBindFailure("Failed to bind to address http://127.0.0.1:41469: address already in use."));
        Assert.True(FreePort.IsBindFailure("Could not create server TCP listening socket 127.0.0.1:30002: bind: Address already in use"));
        Assert.False(FreePort.IsBindFailure("Cluster:RedisConnectionString is not a valid connection string."));
    }
}
