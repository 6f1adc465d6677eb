using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Loans.Tests.Infrastructure;

/// <summary>
/// A throwaway redis-server started on a port chosen beforehand, for tests where a silo is told that port before
/// Redis exists. Otherwise like <see cref="RedisServer"/>: loopback only, persisting nothing, killed on dispose.
/// </summary>
public sealed class RedisServerOnPort : IAsyncDisposable
{
    private readonly TemporaryDirectory directory = new("loans-redis-late");
    private readonly Process process;

    private RedisServerOnPort(int port)
    {
        Port = port;
        var start = new ProcessStartInfo(RedisServer.Executable)
        {
            WorkingDirectory = directory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--dir", directory.Path, "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>Starts redis-server on <paramref name="port"/> and waits until it answers PING.</summary>
    public static async Task<RedisServerOnPort> Start(int port)
    {
        var server = new RedisServerOnPort(port);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (server.process.HasExited)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"redis-server exited at start-up on port {port}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return server;
                }
            }
            catch (SocketException)
            {
            }

            await Task.Delay(100);
        }

        await server.DisposeAsync();
        throw new TimeoutException($"redis-server did not answer PING within 20 s on port {port}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
        directory.Dispose();
    }
}
