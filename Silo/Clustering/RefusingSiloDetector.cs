using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Loans.Silo.Clustering;

/// <summary>
/// Declares a crashed silo dead as soon as its silo port refuses connections, instead of after
/// <c>NumMissedProbesLimit</c> missed probes. A refused connection is positive evidence: nothing listens on that
/// port any more (on Linux a live silo whose accept queue is full drops connection attempts, it does not refuse them;
/// Windows refuses them, and a firewall rejecting the port refuses too: switch it off there), so it
/// is safe where a missed probe is not (a paused host misses probes). Until the dead silo is declared dead it still
/// owns its share of the grain directory, and every new order whose id falls there waits.
/// </summary>
/// <remarks>
/// Orleans' outgoing connections report their end through the <c>Orleans.Connections</c> diagnostic listener; each
/// end wakes a short check of the Active peers. The check only acts through
/// <see cref="IClusterMembershipService.TryKill"/>, the same public call Orleans' Kubernetes hosting makes when a
/// pod is deleted. A silo leaving gracefully is ShuttingDown in the table before it closes its port, and the check
/// only looks at Active silos.
/// </remarks>
internal sealed partial class RefusingSiloDetector(
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    ILogger<RefusingSiloDetector> logger) : BackgroundService, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private const string ConnectionsListener = "Orleans.Connections";

    /// <summary>Refusals in a row before a silo is declared dead; one could be a port being re-bound.</summary>
    internal const int RefusalsToDeclareDead = 2;

    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>Rounds after a connection ended; a silo killed a moment later is left to Orleans' probes.</summary>
    private const int RoundsPerWakeUp = 10;

    private readonly Channel<bool> wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly List<IDisposable> subscriptions = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        lock (subscriptions)
        {
            subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        while (await wakeUps.Reader.WaitToReadAsync(stoppingToken))
        {
            wakeUps.Reader.TryRead(out _);
            try
            {
                await CheckActivePeers(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The membership table may be unreachable too; this silo must go on serving, and the probes remain.
                LogCheckFailed(exception);
            }
        }
    }

    private async Task CheckActivePeers(CancellationToken cancellationToken)
    {
        var refusals = new Dictionary<SiloAddress, int>();
        for (var round = 0; round < RoundsPerWakeUp; round++)
        {
            var peers = membership.CurrentSnapshot.Members.Values
                .Where(member => member.Status == SiloStatus.Active && !member.SiloAddress.Equals(localSilo.SiloAddress))
                .Select(member => member.SiloAddress)
                .ToArray();
            var checks = await Task.WhenAll(peers.Select(async peer => (peer, refused: await RefusesConnections(peer.Endpoint, cancellationToken))));
            foreach (var (peer, isRefusing) in checks)
            {
                refusals[peer] = isRefusing ? refusals.GetValueOrDefault(peer) + 1 : 0;
                if (refusals[peer] == RefusalsToDeclareDead)
                {
                    LogDeclaringDead(peer, peer.Endpoint);
                    if (!await membership.TryKill(peer))
                    {
                        LogNotDeclared(peer);
                    }
                }
            }

            if (checks.All(check => !check.refused))
            {
                return;
            }

            await Task.Delay(CheckInterval, cancellationToken);
        }
    }

    private static async Task<bool> RefusesConnections(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await socket.ConnectAsync(endpoint, timeout.Token);
            return false;
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
        catch (Exception exception) when (exception is SocketException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Silence or any other failure is not evidence of a crash: Orleans' probes judge those.
            return false;
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == ConnectionsListener)
        {
            lock (subscriptions)
            {
                subscriptions.Add(listener.Subscribe(this, name => name == "Terminated"));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> connectionEvent) => wakeUps.Writer.TryWrite(true);

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public override void Dispose()
    {
        lock (subscriptions)
        {
            subscriptions.ForEach(subscription => subscription.Dispose());
            subscriptions.Clear();
        }

        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} refuses connections at {Endpoint}: declaring it dead without waiting for missed probes")]
    private partial void LogDeclaringDead(SiloAddress silo, IPEndPoint endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking whether peer silos refuse connections failed; Orleans' probes still judge them")]
    private partial void LogCheckFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} could not be declared dead; Orleans' probes will judge it")]
    private partial void LogNotDeclared(SiloAddress silo);
}
