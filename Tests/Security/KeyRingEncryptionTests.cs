using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Loans.Tests.Security;

/// <summary>
/// Finding 8: with <c>DataProtection:CertificatePath</c> the key ring is encrypted at rest (Linux has no DPAPI), and
/// another API with the same certificate reads what the first protected.
/// </summary>
public sealed class KeyRingEncryptionTests : IDisposable
{
    private const string CertificatePassword = "certificate-password-0123";
    private readonly TemporaryDirectory root = new("loans-keyring-certificate");
    private readonly KeyRingHost host;

    public KeyRingEncryptionTests() => host = new KeyRingHost(root.Path);

    [Fact]
    public void With_a_certificate_the_keys_are_stored_encrypted_and_another_api_with_it_reads_them()
    {
        var keys = Path.Combine(root.Path, "keys");
        var certificate = WriteCertificate();

        var cookie = Protector(keys, certificate, CertificatePassword).Protect("signed-in administrator");

        var key = File.ReadAllText(Assert.Single(Directory.GetFiles(keys, "key-*.xml")));
        Assert.Contains("<encryptedSecret", key, StringComparison.Ordinal);
        Assert.DoesNotContain("unencrypted form", key, StringComparison.Ordinal);
        Assert.Equal("signed-in administrator", Protector(keys, certificate, CertificatePassword, contentRoot: Path.Combine(root.Path, "replica")).Unprotect(cookie));
    }

    [Fact]
    public void Without_a_certificate_the_keys_are_plain_but_owner_only()
    {
        var keys = Path.Combine(root.Path, "plain");

        Protector(keys, certificatePath: null, password: null).Protect("signed-in administrator");

        var key = Assert.Single(Directory.GetFiles(keys, "key-*.xml"));
        Assert.Contains("unencrypted form", File.ReadAllText(key), StringComparison.Ordinal);
        OwnerOnly.AssertMode(OwnerOnly.File, key);
        OwnerOnly.AssertMode(OwnerOnly.Directory, keys);
    }

    [Theory]
    [InlineData("wrong-password-0123")]
    [InlineData(null)]
    public void A_certificate_that_cannot_be_opened_stops_the_start_naming_the_setting(string? password)
    {
        var certificate = WriteCertificate();

        var error = Assert.Throws<OptionsValidationException>(() => Protector(Path.Combine(root.Path, "keys"), certificate, password));

        Assert.Contains("DataProtection:CertificatePath", error.Message, StringComparison.Ordinal);
        Assert.Contains(certificate, error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        host.Dispose();
        root.Dispose();
    }

    private string WriteCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=orleans-loans-key-ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(root.Path, "key-ring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        return path;
    }

    private IDataProtector Protector(string keysDirectory, string? certificatePath, string? password, string? contentRoot = null) =>
        host.Protector(
            new Dictionary<string, string?>
            {
                ["DataProtection:KeysDirectory"] = keysDirectory,
                ["DataProtection:CertificatePath"] = certificatePath,
                ["DataProtection:CertificatePassword"] = password,
            },
            contentRoot);
}
