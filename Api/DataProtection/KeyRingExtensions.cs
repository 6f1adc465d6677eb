using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Loans.Api.DataProtection;

public static class KeyRingExtensions
{
    /// <summary>
    /// The data-protection key ring from section <c>DataProtection</c>. A directory that cannot be written stops
    /// the start with its path and the reason, rather than failing the first sign-in.
    /// </summary>
    public static WebApplicationBuilder AddLoansKeyRing(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>() ?? new();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(Required(options.ApplicationName));
        if (!string.IsNullOrWhiteSpace(options.KeysDirectory))
        {
            var directory = Path.GetFullPath(options.KeysDirectory, builder.Environment.ContentRootPath);
            EnsureWritable(directory);
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(directory));
        }

        return builder;
    }

    private static string Required(string applicationName) =>
        string.IsNullOrWhiteSpace(applicationName)
            ? throw Invalid("ApplicationName must not be empty: replicas sharing a key ring need the same name.")
            : applicationName;

    private static void EnsureWritable(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Invalid($"KeysDirectory '{directory}' cannot be written: {exception.Message}");
        }
    }

    private static OptionsValidationException Invalid(string message) =>
        new(KeyRingOptions.SectionName, typeof(KeyRingOptions), [$"{KeyRingOptions.SectionName}:{message}"]);
}
