namespace Loans.Tests.Infrastructure;

/// <summary>Where the repository and the built Silo and Api live, for tests that start the real processes.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built in; the processes are taken from the same one.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The directory holding the built assembly of a project, by its folder under the root ("Silo", "Api").</summary>
    public static string OutputOf(string project) => Path.Combine(Root, project, "bin", Configuration, "net10.0");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orleans.Loans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Orleans.Loans.sln not found above {AppContext.BaseDirectory}.");
    }
}
