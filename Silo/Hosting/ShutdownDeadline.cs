using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;

namespace Loans.Silo.Hosting;

/// <summary>
/// Ends the silo process if it is still stopping <see cref="Grace"/> after <c>Host:ShutdownTimeout</c>. With the
/// membership store unreachable, Orleans goes on trying to record that the silo leaves for up to a minute per
/// step (two minutes measured with Redis down), long past the timeout and any orchestrator's grace period. The
/// other silos declare a silo that vanished dead by their probes, as after a crash, so waiting gains nothing;
/// a process that exits late only holds its ports and its orchestrator's slot.
/// </summary>
internal static partial class ShutdownDeadline
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    /// <summary>Exit status when the deadline ended the process: it stopped, but did not leave the cluster cleanly.</summary>
    public const int ExitCode = 3;

    public static WebApplication UseLoansShutdownDeadline(this WebApplication app)
    {
        var timeout = app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ShutdownDeadline));
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            var deadline = new Thread(() =>
            {
                Thread.Sleep(timeout + Grace);
                LogDeadlinePassed(logger, timeout + Grace);
                // Let the console logger write the line above; nothing else is waited for.
                Thread.Sleep(TimeSpan.FromMilliseconds(500));
                Terminate();
            })
            { IsBackground = true, Name = "shutdown-deadline" };
            deadline.Start();
        });
        return app;
    }

    /// <summary>Exits at once, without the process-exit handlers that would wait for the very stop that hangs.</summary>
    private static void Terminate()
    {
        if (OperatingSystem.IsWindows())
        {
            Process.GetCurrentProcess().Kill();
            return;
        }

        ExitImmediately(ExitCode);
    }

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void ExitImmediately(int status);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The silo was still stopping {Elapsed} after SIGTERM (Host:ShutdownTimeout plus 5 s): exiting without leaving the membership table; the other silos will declare this silo dead by their probes")]
    private static partial void LogDeadlinePassed(ILogger logger, TimeSpan elapsed);
}
