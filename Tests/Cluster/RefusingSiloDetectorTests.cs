using System.Collections.Immutable;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Loans.Silo.Clustering;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Loans.Tests.Cluster;

/// <summary>
/// The detector in process, against real sockets and a membership service that records what it is asked: it wakes
/// when Orleans reports an outgoing connection's end, declares dead only an Active peer whose port refuses, once,
/// and keeps watching when the declaration itself fails. (CrashDetectionTests runs it in real silos.)
/// </summary>
public sealed class RefusingSiloDetectorTests
{
    private static readonly DiagnosticListener OrleansConnections = new("Orleans.Connections");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_active_peer_whose_port_refuses_is_declared_dead_once_when_a_connection_ends()
    {
        var dead = Peer(ClosedPort());
        var membership = new RecordingMembership(SiloStatus.Active, dead);
        using var detector = await Started(membership);

        ConnectionEnded();

        await membership.WaitForKills(1);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal([dead], membership.Kills);
    }

    [Fact]
    public async Task A_peer_that_accepts_connections_is_left_alone()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var membership = new RecordingMembership(SiloStatus.Active, Peer(((IPEndPoint)listener.LocalEndpoint).Port));
        await AssertLookedButDeclaredNothing(membership);
    }

    [Theory]
    [InlineData(SiloStatus.ShuttingDown)]
    [InlineData(SiloStatus.Joining)]
    [InlineData(SiloStatus.Dead)]
    public async Task A_peer_that_is_not_active_is_never_declared_dead(SiloStatus status)
    {
        var membership = new RecordingMembership(status, Peer(ClosedPort()));
        await AssertLookedButDeclaredNothing(membership);
    }

    [Fact]
    public async Task A_failed_declaration_is_logged_and_the_detector_keeps_watching()
    {
        var dead = Peer(ClosedPort());
        var membership = new RecordingMembership(SiloStatus.Active, dead) { FailKills = 1 };
        var logger = new RecordingLogger<RefusingSiloDetector>();
        using var detector = await Started(membership, logger);

        ConnectionEnded();
        await membership.WaitForKills(1);
        await WaitUntil(() => logger.Entries.Any(e => e.Level == LogLevel.Warning && e.Exception is InvalidOperationException));
        ConnectionEnded();

        await membership.WaitForKills(2);
        Assert.Equal([dead, dead], membership.Kills);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains($"refuses connections at {dead.Endpoint}", StringComparison.Ordinal));
    }

    /// <summary>Wakes a started detector with a connection's end and checks that it looked at the peer and left it alone.</summary>
    private static async Task AssertLookedButDeclaredNothing(RecordingMembership membership)
    {
        using var detector = await Started(membership);

        ConnectionEnded();

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.True(membership.SnapshotsRead > 0, "The detector did not look at the membership.");
        Assert.Empty(membership.Kills);
    }

    private static async Task<RefusingSiloDetector> Started(RecordingMembership membership, RecordingLogger<RefusingSiloDetector>? logger = null)
    {
        var detector = new RefusingSiloDetector(membership, new LocalSilo(Peer(ClosedPort())), logger ?? new RecordingLogger<RefusingSiloDetector>());
        await detector.StartAsync(CancellationToken.None);
        // The subscription is made once the background loop runs.
        await WaitUntil(() => OrleansConnections.IsEnabled("Terminated"));
        return detector;
    }

    /// <summary>What Orleans' ConnectionManager writes when one of its connections ends.</summary>
    private static void ConnectionEnded() => OrleansConnections.Write("Terminated", null);

    private static SiloAddress Peer(int port) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), Random.Shared.Next(1, int.MaxValue));

    /// <summary>A loopback port nothing listens on: bound, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the detector.");
            await Task.Delay(20);
        }
    }

    private sealed class RecordingMembership(SiloStatus peerStatus, SiloAddress peer) : IClusterMembershipService
    {
        private readonly List<SiloAddress> kills = [];
        private int snapshotsRead;

        public int FailKills { get; init; }

        public int SnapshotsRead => Volatile.Read(ref snapshotsRead);

        public IReadOnlyList<SiloAddress> Kills
        {
            get
            {
                lock (kills)
                {
                    return [.. kills];
                }
            }
        }

        public ClusterMembershipSnapshot CurrentSnapshot
        {
            get
            {
                Interlocked.Increment(ref snapshotsRead);
                // A declared peer is Dead from then on, as in Orleans' table.
                var status = Kills.Count > FailKills ? SiloStatus.Dead : peerStatus;
                return new ClusterMembershipSnapshot(
                    ImmutableDictionary<SiloAddress, ClusterMember>.Empty.Add(peer, new ClusterMember(peer, status, "peer")),
                    new MembershipVersion(1));
            }
        }

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task<bool> TryKill(SiloAddress siloAddress)
        {
            int count;
            lock (kills)
            {
                kills.Add(siloAddress);
                count = kills.Count;
            }

            return count <= FailKills
                ? Task.FromException<bool>(new InvalidOperationException("The membership table cannot be reached."))
                : Task.FromResult(true);
        }

        public Task WaitForKills(int count) => WaitUntil(() => Kills.Count >= count);
    }

    private sealed class LocalSilo(SiloAddress address) : ILocalSiloDetails
    {
        public string Name => "local";

        public string ClusterId => "tests";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress => address;

        public SiloAddress GatewayAddress => address;
    }
}
