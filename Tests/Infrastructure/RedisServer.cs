using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Loans.Tests.Infrastructure;

/// <summary>
/// A throwaway redis-server (Debian package) on a free loopback port, persisting nothing, in its own temp
/// directory; killed on dispose. Tests that need it skip when /usr/bin/redis-server is missing.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/redis-server";

    private readonly TemporaryDirectory directory = new("loans-redis");
    private readonly Process process;

    private RedisServer(int port)
    {
        Port = port;
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = directory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--dir", directory.Path, "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Why Redis tests cannot run here, or null when they can.</summary>
    public static string? MissingReason => File.Exists(Executable)
        ? null
        : $"{Executable} is missing: install the Debian package redis-server (.ci/run does).";

    private readonly ConcurrentQueue<string> output = new();
    private int disposed;

    /// <summary>The last lines redis-server wrote, for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, output.TakeLast(50));

    private void Keep(string? line)
    {
        if (line is not null && output.Count < 500)
        {
            output.Enqueue(line);
        }
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis connection string, as Cluster:RedisConnectionString takes it.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts redis-server on a new port, and on another one if that could not be bound.</summary>
    public static Task<RedisServer> Start() => PortInUseException.Retry(() => StartOn(FreePort.Next()));

    /// <summary>Starts redis-server on a port chosen beforehand (a silo may have been told it before Redis exists).</summary>
    public static async Task<RedisServer> StartOn(int port)
    {
        var server = new RedisServer(port);
        try
        {
            await server.WaitUntilAnswering(TimeSpan.FromSeconds(20));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilAnswering(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                process.WaitForExit();
                var said = Output;
                throw FreePort.IsBindFailure(said)
                    ? new PortInUseException($"redis-server could not bind port {Port}.{Environment.NewLine}{said}")
                    : new InvalidOperationException($"redis-server exited with {process.ExitCode} at start-up on port {Port}.{Environment.NewLine}{said}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"redis-server did not answer PING within {timeout} on port {Port}.");
    }

    /// <summary>Stops redis-server and deletes its directory; safe to call again.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
        directory.Dispose();
    }
}
