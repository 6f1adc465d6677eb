namespace Loans.Api.DataProtection;

/// <summary>
/// Where the API keeps the key ring that protects its cookies (admin console sign-in, anti-forgery, flash
/// messages). Section <c>DataProtection</c>.
/// </summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>
    /// Directory of the key ring; relative paths are taken from the content root. Empty: ASP.NET Core's default,
    /// the user profile, which a container loses on every restart (and with it every console session). API
    /// replicas that share this directory, and <see cref="ApplicationName"/>, accept each other's cookies.
    /// </summary>
    public string KeysDirectory { get; set; } = "";

    /// <summary>
    /// Isolates this application's keys from others in the same directory. ASP.NET Core's default is the content
    /// root path, which differs between installs, so replicas would not read each other's cookies.
    /// </summary>
    public string ApplicationName { get; set; } = "orleans-loans-api";

    /// <summary>
    /// A PKCS#12 (.pfx) certificate with a private key that encrypts the keys at rest. Empty: on Linux the keys are
    /// stored unencrypted (there is no DPAPI), protected only by the 0600 files in a 0700 directory. Replicas
    /// sharing the key ring need the same certificate.
    /// </summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one.</summary>
    public string? CertificatePassword { get; set; }
}
