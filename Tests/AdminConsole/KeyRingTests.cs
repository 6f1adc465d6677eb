using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Loans.Tests.AdminConsole;

/// <summary>
/// Console sessions survive an API restart and work across replicas when the key ring lives in a shared
/// directory; a directory that cannot be written stops the start.
/// </summary>
public sealed class KeyRingTests : IDisposable
{
    private readonly TemporaryDirectory root = new("loans-keys");
    private readonly KeyRingHost host;

    public KeyRingTests() => host = new KeyRingHost(root.Path);

    [Fact]
    public void An_api_with_the_same_keys_directory_reads_what_another_protected()
    {
        var keys = Path.Combine(root.Path, "keys");
        var cookie = Protector(keys).Protect("signed-in administrator");

        // A second process (a restart, or another replica) with its own content root.
        Assert.Equal("signed-in administrator", Protector(keys, contentRoot: Path.Combine(root.Path, "replica")).Unprotect(cookie));
        Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
    }

    [Fact]
    public void An_api_with_another_keys_directory_cannot_read_it()
    {
        var cookie = Protector(Path.Combine(root.Path, "one")).Protect("signed-in administrator");

        Assert.ThrowsAny<CryptographicException>(() => Protector(Path.Combine(root.Path, "two")).Unprotect(cookie));
    }

    [Fact]
    public void A_keys_directory_that_cannot_be_written_stops_the_start_naming_the_setting()
    {
        var file = Path.Combine(root.Path, "not-a-directory");
        File.WriteAllText(file, "");

        var error = Assert.Throws<OptionsValidationException>(() => Protector(file));

        Assert.Contains("DataProtection:KeysDirectory", error.Message, StringComparison.Ordinal);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_application_name_is_refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Protector(Path.Combine(root.Path, "keys"), applicationName: " "));

        Assert.Contains("DataProtection:ApplicationName", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        host.Dispose();
        root.Dispose();
    }

    private IDataProtector Protector(string keysDirectory, string? contentRoot = null, string applicationName = "orleans-loans-api") =>
        host.Protector(
            new Dictionary<string, string?> { ["DataProtection:KeysDirectory"] = keysDirectory, ["DataProtection:ApplicationName"] = applicationName },
            contentRoot);
}
