using System.Text.RegularExpressions;

namespace Loans.Tests.Deployment;

/// <summary>
/// A Dockerfile read as its instructions (continuation lines joined, comments dropped), grouped by build stage.
/// Enough to check what it copies, builds, exposes and which user it runs as; not a full parser.
/// </summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<DockerInstruction> instructions)
    {
        Path = path;
        Instructions = instructions;
    }

    public string Path { get; }

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    /// <summary>The base image of every stage, except stages built on an earlier stage.</summary>
    public IEnumerable<string> BaseImages
    {
        get
        {
            var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var from in Instructions.Where(i => i.Keyword == "FROM"))
            {
                var words = from.Words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                if (!stages.Contains(words[0]))
                {
                    yield return words[0];
                }

                if (words.Count >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase))
                {
                    stages.Add(words[2]);
                }
            }
        }
    }

    /// <summary>The instructions of the last stage: what the image that runs is made of.</summary>
    public IReadOnlyList<DockerInstruction> FinalStage =>
        Instructions.Skip(Instructions.ToList().FindLastIndex(i => i.Keyword == "FROM")).ToList();

    /// <summary>The user the final image runs as, or null when it keeps the base image's (root for the .NET images).</summary>
    public string? User => FinalStage.LastOrDefault(i => i.Keyword == "USER")?.Arguments;

    public IReadOnlyDictionary<string, string> Environment =>
        FinalStage.Where(i => i.Keyword == "ENV")
            .SelectMany(i => i.Words.Select(w => w.Split('=', 2)).Where(pair => pair.Length == 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

    public IReadOnlySet<int> ExposedPorts =>
        FinalStage.Where(i => i.Keyword == "EXPOSE")
            .SelectMany(i => i.Words.Select(w => int.Parse(w.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture)))
            .ToHashSet();

    /// <summary>The .csproj files named by <c>dotnet</c> commands in RUN and ENTRYPOINT instructions, in order.</summary>
    public IEnumerable<(DockerInstruction Instruction, string Project)> DotnetProjects =>
        Instructions.Where(i => i.Keyword is "RUN" or "ENTRYPOINT")
            .SelectMany(i => ProjectPattern().Matches(i.Arguments).Select(m => (i, m.Value)));

    /// <summary>The paths copied from the build context (not from another stage) before the given instruction.</summary>
    public IEnumerable<string> ContextCopiesBefore(DockerInstruction instruction) =>
        Instructions.TakeWhile(i => i != instruction)
            .Where(i => i.Keyword is "COPY" or "ADD" && !i.Words.Any(w => w.StartsWith("--from", StringComparison.Ordinal)))
            .SelectMany(i => i.Words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).SkipLast(1));

    public static Dockerfile Load(string path)
    {
        var instructions = new List<DockerInstruction>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var text = (pending + line).Trim();
            pending = "";
            if (text.Length > 0)
            {
                var space = text.IndexOf(' ', StringComparison.Ordinal);
                instructions.Add(new DockerInstruction(text[..space].ToUpperInvariant(), text[(space + 1)..].Trim()));
            }
        }

        return new Dockerfile(path, instructions);
    }

    [GeneratedRegex(@"[\w./-]+\.csproj")]
    private static partial Regex ProjectPattern();
}

internal sealed record DockerInstruction(string Keyword, string Arguments)
{
    /// <summary>The arguments split on white space, with JSON-array punctuation (exec form) removed.</summary>
    public IReadOnlyList<string> Words =>
        Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.Trim('[', ']', ',', '"'))
            .Where(w => w.Length > 0 && w != "&&")
            .ToList();
}
