using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Loans.Hosting;

/// <summary>
/// Shared by the silo and the API (the silo references the API project). A setting that fails validation is the
/// operator's to fix, not a crash: the process writes one line naming the setting to stderr and exits with
/// <see cref="ExitCode"/>, instead of an unhandled exception's stack trace and SIGABRT (exit 134).
/// </summary>
internal static class BadSettingExit
{
    /// <summary>The exit code of a process stopped by a bad setting (2: "misuse", as shells use it).</summary>
    public const int ExitCode = 2;

    /// <summary>
    /// Installs the handler; call first in Program.cs. Validation runs both while the host is built (options read
    /// before the host exists) and when it starts (<c>ValidateOnStart</c>), so the exception can surface at
    /// either point; catching it where the runtime reports it covers both without wrapping the whole program.
    /// </summary>
    public static void Install() => AppDomain.CurrentDomain.UnhandledException += (_, e) =>
    {
        if (Find(e.ExceptionObject as Exception) is { } invalid)
        {
            Console.Error.WriteLine(Describe(invalid));
            Console.Error.Flush();
            Environment.Exit(ExitCode);
        }
    };

    /// <summary>
    /// Runs the <c>ValidateOnStart</c> checks now, before the host starts: a failure found while the host starts
    /// is also logged by the host ("Hosting failed to start") with its stack trace, which an operator should not
    /// have to read past. Call right after <c>Build()</c>.
    /// </summary>
    public static void ValidateSettingsOrExit(this IHost host)
    {
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception exception) when (Find(exception) is { } invalid)
        {
            Console.Error.WriteLine(Describe(invalid));
            Console.Error.Flush();
            Environment.Exit(ExitCode);
        }
    }

    /// <summary>One line: every failure of the validation, each of which names its setting.</summary>
    public static string Describe(OptionsValidationException invalid)
    {
        var failures = invalid.Failures.Any() ? invalid.Failures : [invalid.Message];
        var line = string.Join("; ", failures.Select(f => f.ReplaceLineEndings(" ").Trim()));
        return $"Invalid setting, the process stops: {line}";
    }

    // The host may wrap the validation failure (an AggregateException from start-up, a TargetInvocationException).
    private static OptionsValidationException? Find(Exception? exception) => exception switch
    {
        OptionsValidationException invalid => invalid,
        AggregateException aggregate => aggregate.InnerExceptions.Select(Find).FirstOrDefault(found => found is not null),
        { InnerException: { } inner } => Find(inner),
        _ => null,
    };
}
