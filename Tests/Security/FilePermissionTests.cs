namespace Loans.Tests.Security;

/// <summary>Finding 8: data files hold PESELs and the key ring signs console cookies: only their owner may read them.</summary>
public static class OwnerOnly
{
    public const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode Directory = File | UnixFileMode.UserExecute;

    public static void AssertMode(UnixFileMode expected, string path)
    {
        Assert.False(OperatingSystem.IsWindows(), "Unix file modes are checked on Linux only.");
        if (!OperatingSystem.IsWindows())
        {
            var actual = System.IO.File.GetUnixFileMode(path);
            Assert.True(expected == actual, $"{path} is {actual}, expected {expected}.");
        }
    }
}

[Collection(SystemCollection.Name)]
public class DataFilePermissionTests(LoansSystemFixture fixture)
{
    [Fact]
    public async Task Sqlite_databases_and_their_wal_and_shm_files_are_0600_in_a_0700_directory()
    {
        // An order and a toggle change, so both databases have written their WAL.
        using (var order = await fixture.Anonymous.PostJson("/orders", Fixtures.LoanOrderJson))
        {
            Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        }

        using (var toggle = await fixture.Admin.PutAsJsonAsync("/features/SECURITY_FILE_MODE_PROBE", new { enabled = false }))
        {
            Assert.Equal(HttpStatusCode.OK, toggle.StatusCode);
        }

        var data = Path.Combine(fixture.System.DataDirectory, "data");
        var files = System.IO.Directory.GetFiles(data);
        Assert.Contains(Path.Combine(data, "loans.db"), files);
        Assert.Contains(Path.Combine(data, "loans.db-wal"), files);
        Assert.Contains(Path.Combine(data, "feature-toggles.db"), files);
        Assert.Contains(Path.Combine(data, "feature-toggles.db-shm"), files);
        OwnerOnly.AssertMode(OwnerOnly.Directory, data);
        Assert.All(files, file => OwnerOnly.AssertMode(OwnerOnly.File, file));
    }
}

[Collection(HardenedSystemCollection.Name)]
public class KeyRingPermissionTests(HardenedSystemFixture fixture)
{
    [Fact]
    public async Task Key_ring_files_are_0600_in_a_0700_directory()
    {
        // The first anti-forgery token makes the API create its first key.
        using var client = fixture.NewConsoleClient();
        await client.Page("/admin/sign-in");

        var keys = System.IO.Directory.GetFiles(fixture.KeysDirectory, "key-*.xml");
        Assert.NotEmpty(keys);
        OwnerOnly.AssertMode(OwnerOnly.Directory, fixture.KeysDirectory);
        Assert.All(keys, key => OwnerOnly.AssertMode(OwnerOnly.File, key));
    }
}
