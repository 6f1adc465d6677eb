using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Loans.Api.DataProtection;

public static class KeyRingExtensions
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// The data-protection key ring from section <c>DataProtection</c>. A directory that cannot be written, or a
    /// certificate that cannot be read, stops the start with its path and the reason, rather than failing the first sign-in.
    /// </summary>
    public static WebApplicationBuilder AddLoansKeyRing(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>() ?? new();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(Required(options.ApplicationName));
        if (!string.IsNullOrWhiteSpace(options.KeysDirectory))
        {
            var directory = new DirectoryInfo(Path.GetFullPath(options.KeysDirectory, builder.Environment.ContentRootPath));
            EnsureWritable(directory.FullName);
            OwnerOnlyXmlRepository.Tighten(directory);
            builder.Services.AddOptions<KeyManagementOptions>()
                .Configure<ILoggerFactory>((keys, loggers) => keys.XmlRepository = new OwnerOnlyXmlRepository(directory, loggers));
        }

        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            var certificate = Certificate(Path.GetFullPath(options.CertificatePath, builder.Environment.ContentRootPath), options.CertificatePassword);
            // Unprotect names the certificate too, so keys decrypt without it being in a certificate store.
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        return builder;
    }

    private static X509Certificate2 Certificate(string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey
                ? certificate
                : throw Invalid($"CertificatePath '{path}' has no private key: it could encrypt keys but never decrypt them.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw Invalid($"CertificatePath '{path}' cannot be read (check the file and DataProtection:CertificatePassword): {exception.Message}");
        }
    }

    private static string Required(string applicationName) =>
        string.IsNullOrWhiteSpace(applicationName)
            ? throw Invalid("ApplicationName must not be empty: replicas sharing a key ring need the same name.")
            : applicationName;

    private static void EnsureWritable(string directory)
    {
        try
        {
            if (!Directory.Exists(directory))
            {
                // Only the API's user may list or read the keys that sign console cookies.
                _ = OperatingSystem.IsWindows() ? Directory.CreateDirectory(directory) : Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            }

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
