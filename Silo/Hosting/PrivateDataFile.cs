namespace Loans.Silo.Hosting;

/// <summary>
/// Database files hold customers' PESELs, names and dates of birth: only the silo's own user may read them.
/// The directory is created 0700 and the file 0600 before SQLite opens it; SQLite gives the -wal and -shm
/// files it creates later the database file's mode, so they are 0600 too.
/// </summary>
internal static class PrivateDataFile
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;

    /// <summary>Creates the directory and an empty file (which SQLite reads as an empty database) owner-only, or tightens existing ones.</summary>
    public static void Prepare(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            // Windows has no mode bits; the ACLs the directory inherits apply.
            Directory.CreateDirectory(directory);
            return;
        }

        if (!Directory.Exists(directory))
        {
            // Only a directory the silo creates is tightened: an existing one (a mounted volume) is the operator's.
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }

        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile });
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            if (File.Exists(file))
            {
                File.SetUnixFileMode(file, OwnerOnlyFile);
            }
        }
    }
}
