namespace Loans.Tests.Infrastructure;

/// <summary>
/// What this process holds of a file, read from Linux's /proc: every SQLite connection keeps its database file
/// open, and a memory-mapped read maps it. How tests see a connection that was left open or a map that was made.
/// </summary>
public static class OpenFiles
{
    /// <summary>How many descriptors of this process are open on <paramref name="path"/>.</summary>
    public static int Descriptors(string path)
    {
        var full = Path.GetFullPath(path);
        var count = 0;
        foreach (var descriptor in Directory.EnumerateFiles("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(descriptor).LinkTarget == full)
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // Closed while the directory was listed.
            }
        }

        return count;
    }

    /// <summary>Whether any memory map of this process shows <paramref name="path"/>.</summary>
    public static bool IsMapped(string path)
    {
        var full = Path.GetFullPath(path);
        return File.ReadLines("/proc/self/maps").Any(line => line.EndsWith(" " + full, StringComparison.Ordinal));
    }
}
