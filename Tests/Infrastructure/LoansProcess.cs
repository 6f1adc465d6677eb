using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Loans.Tests.Infrastructure;

/// <summary>
/// A real Silo or Api process started from the build output, as README's run command starts it, with
/// settings passed as environment variables (Section__Key) and its output kept for failure messages.
/// </summary>
public sealed partial class LoansProcess : IAsyncDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private int lines;

    private LoansProcess(string name, Process process)
    {
        Name = name;
        this.process = process;
    }

    public string Name { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>How many lines the process has written to stdout and stderr so far.</summary>
    public int LineCount => Volatile.Read(ref lines);

    /// <summary>The last lines the process wrote, for assertion messages.</summary>
    public string Output => string.Join(Environment.NewLine, output.TakeLast(200));

    /// <summary>
    /// Starts the built project ("Silo" or "Api") in the working directory with extra settings, at the log
    /// levels its appsettings.json ships with, as a user would run it.
    /// </summary>
    public static LoansProcess Start(string project, string name, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var directory = Repository.OutputOf(project);
        var assembly = Path.Combine(directory, $"Loans.{project}.dll");
        var settings = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        };
        foreach (var (key, value) in environment)
        {
            settings[key] = value;
        }

        return StartAssembly(assembly, [assembly, "--contentRoot", directory], name, workingDirectory, settings);
    }

    /// <summary>
    /// Starts a built assembly with <c>dotnet</c>: the arguments start with the assembly's path. The process gets
    /// only the given settings: every inherited variable .NET would read as configuration is left out.
    /// </summary>
    public static LoansProcess StartAssembly(string assembly, IEnumerable<string> arguments, string name, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"{assembly} is missing: build the solution in {Repository.Configuration} first (./test.sh does).");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Hermetic: the user's exported settings (Admin__ApiKey, ASPNETCORE_URLS...) must not change the run.
        var inherited = start.Environment.ToList();
        start.Environment.Clear();
        foreach (var (key, value) in ProcessEnvironment.Build(inherited, environment))
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var started = new LoansProcess(name, process);
        process.OutputDataReceived += (_, e) => started.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => started.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits for the process to exit by itself; true if it did, with all its output read.</summary>
    public async Task<bool> WaitForExit(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Kills the process with SIGKILL: no shutdown code runs, as in a crash.</summary>
    public Task Kill() => Signal(SigKill, TimeSpan.FromSeconds(10));

    /// <summary>Asks the process to stop with SIGTERM and waits for it to exit.</summary>
    public Task Stop(TimeSpan? timeout = null) => Signal(SigTerm, timeout ?? TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await Signal(SigKill, TimeSpan.FromSeconds(10));
        }

        process.Dispose();
    }

    private async Task Signal(int signal, TimeSpan timeout)
    {
        if (process.HasExited)
        {
            return;
        }

        _ = SendSignal(process.Id, signal);
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Name} did not exit within {timeout} of signal {signal}.{Environment.NewLine}{Output}");
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        Interlocked.Increment(ref lines);
        output.Enqueue(line);
        while (output.Count > 2000)
        {
            output.TryDequeue(out _);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
