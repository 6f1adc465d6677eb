using System.Xml.Linq;

namespace Loans.Tests.Deployment;

/// <summary>
/// The repository's Dockerfiles, checked without Docker: they build real projects, restore from every project
/// file they need before copying sources (layer caching), and run as a non-root user.
/// </summary>
public class DockerfileTests
{
    // Listed, not read from compose, so discovering these tests needs no repository (the smoke image has none).
    private static readonly string[] Dockerfiles = ["Api/Dockerfile", "Silo/Dockerfile", "Tests/Dockerfile.smoke"];

    private readonly ComposeStack compose = ComposeStack.Load();

    [Fact]
    public void Every_build_context_and_dockerfile_compose_names_exists()
    {
        Assert.Equal(Dockerfiles, compose.Services.Values.Where(s => s.Dockerfile is not null)
            .Select(s => Path.GetRelativePath(Repository.Root, s.Dockerfile!).Replace('\\', '/')).Distinct().Order(StringComparer.Ordinal));

        var built = compose.Services.Values.Where(s => s.BuildContext is not null).ToList();

        Assert.Equal(4, built.Count);
        Assert.All(built, s =>
        {
            Assert.True(System.IO.Directory.Exists(s.BuildContext), $"{s.Name}: build context {s.BuildContext} does not exist.");
            Assert.True(File.Exists(s.Dockerfile), $"{s.Name}: {s.Dockerfile} does not exist.");
            Assert.True(File.Exists(Path.Combine(s.BuildContext!, ".dockerignore")), $"{s.Name}: no .dockerignore in the build context, so bin/, obj/ and data/ are sent to the builder.");
        });
    }

    [Theory]
    [InlineData("Api/Dockerfile")]
    [InlineData("Silo/Dockerfile")]
    [InlineData("Tests/Dockerfile.smoke")]
    public void Every_project_a_dockerfile_builds_exists(string dockerfile)
    {
        var projects = Dockerfile.Load(Path.Combine(Repository.Root, dockerfile)).DotnetProjects.ToList();

        Assert.Contains(projects, p => p.Instruction.Arguments.Contains("dotnet publish", StringComparison.Ordinal) || p.Instruction.Arguments.Contains("dotnet build", StringComparison.Ordinal));
        Assert.All(projects, p => Assert.True(File.Exists(Path.Combine(Repository.Root, p.Project)), $"{dockerfile}: `{p.Instruction.Arguments}` names {p.Project}, which does not exist."));
    }

    [Theory]
    [InlineData("Api/Dockerfile")]
    [InlineData("Silo/Dockerfile")]
    [InlineData("Tests/Dockerfile.smoke")]
    public void The_restore_layer_has_every_project_file_and_build_props_it_needs(string dockerfile)
    {
        var file = Dockerfile.Load(Path.Combine(Repository.Root, dockerfile));
        var restores = file.DotnetProjects.Where(p => p.Instruction.Arguments.Contains("dotnet restore", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(restores);
        Assert.All(restores, restore =>
        {
            var copied = file.ContextCopiesBefore(restore.Instruction).Select(NormalizePath).ToHashSet(StringComparer.Ordinal);
            Assert.DoesNotContain(".", copied);
            var needed = ProjectClosure(restore.Project).Append("Directory.Build.props").Append("Directory.Packages.props");
            Assert.All(needed, path => Assert.True(
                copied.Contains(path) || copied.Contains(Path.GetDirectoryName(path)!.Replace('\\', '/') + "/"),
                $"{dockerfile}: {path} is not copied before `{restore.Instruction.Arguments}`; the restore would miss it."));
        });
    }

    [Theory]
    [InlineData("Api/Dockerfile")]
    [InlineData("Silo/Dockerfile")]
    [InlineData("Tests/Dockerfile.smoke")]
    public void Source_files_a_project_compiles_in_from_another_folder_are_copied_before_the_build(string dockerfile)
    {
        var file = Dockerfile.Load(Path.Combine(Repository.Root, dockerfile));
        var builds = file.DotnetProjects.Where(p => p.Instruction.Arguments.Contains("dotnet publish", StringComparison.Ordinal) || p.Instruction.Arguments.Contains("dotnet build", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(builds);
        Assert.All(builds, build =>
        {
            var copied = file.ContextCopiesBefore(build.Instruction).Select(NormalizePath).ToList();
            Assert.All(ProjectClosure(build.Project).SelectMany(LinkedSources), source => Assert.True(
                copied.Any(c => c == source || (c.EndsWith('/') && source.StartsWith(c, StringComparison.Ordinal))),
                $"{dockerfile}: {source} is compiled in but not copied before `{build.Instruction.Arguments}`; the build would fail."));
        });
    }

    [Theory]
    [InlineData("Api/Dockerfile")]
    [InlineData("Silo/Dockerfile")]
    [InlineData("Tests/Dockerfile.smoke")]
    public void The_image_runs_as_a_non_root_user(string dockerfile)
    {
        var user = Dockerfile.Load(Path.Combine(Repository.Root, dockerfile)).User;

        Assert.NotNull(user);
        Assert.DoesNotContain(user.Split(':')[0], new[] { "root", "0" });
    }

    [Theory]
    [InlineData("Silo/Dockerfile", new[] { 8080, 9090, 11111, 30000 })]
    [InlineData("Api/Dockerfile", new[] { 9091 })]
    public void The_image_listens_on_every_interface_and_exposes_its_ports(string dockerfile, int[] ports)
    {
        var file = Dockerfile.Load(Path.Combine(Repository.Root, dockerfile));

        Assert.Equal(ports.ToHashSet(), file.ExposedPorts);
        Assert.Matches(ComposeStackTests.ListeningUrl(), file.Environment.Get("Urls"));
        Assert.Contains(file.FinalStage, i => i.Keyword == "ENTRYPOINT");
    }

    private static string NormalizePath(string path) => path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;

    /// <summary>A project and every project it references, transitively, as paths relative to the repository root.</summary>
    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(Path.Combine(Repository.Root, current))!;
            foreach (var reference in XDocument.Load(Path.Combine(Repository.Root, current)).Descendants("ProjectReference"))
            {
                var path = Path.GetFullPath(Path.Combine(directory, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(Repository.Root, path).Replace('\\', '/'));
            }
        }

        return seen;
    }

    /// <summary>Compile items a project takes from outside its own folder (linked files), relative to the repository.</summary>
    private static IEnumerable<string> LinkedSources(string project)
    {
        var directory = Path.GetDirectoryName(Path.Combine(Repository.Root, project))!;
        return XDocument.Load(Path.Combine(Repository.Root, project)).Descendants("Compile")
            .Select(c => c.Attribute("Include")?.Value)
            .Where(include => include is not null && include.StartsWith("..", StringComparison.Ordinal))
            .Select(include => Path.GetRelativePath(Repository.Root, Path.GetFullPath(Path.Combine(directory, include!.Replace('\\', '/')))).Replace('\\', '/'));
    }
}
