namespace Loans.Tests.Deployment;

/// <summary>.github/workflows/ci.yml runs what .ci/run runs, then builds the images and smoke-tests the compose stack.</summary>
public class CiWorkflowTests
{
    private readonly IReadOnlyDictionary<string, object?> workflow =
        Yaml.LoadMap(Path.Combine(Repository.Root, ".github", "workflows", "ci.yml"));

    [Fact]
    public void The_test_job_runs_the_same_test_command_as_the_ci_script()
    {
        var script = File.ReadAllLines(Path.Combine(Repository.Root, ".ci", "run"));

        Assert.Contains("./test.sh", script);
        Assert.Contains("./test.sh", Commands("test"));
    }

    [Fact]
    public void The_image_job_builds_starts_smoke_tests_dumps_logs_on_failure_and_tears_down_the_stack()
    {
        var steps = Steps("images-and-smoke").ToList();
        var commands = steps.Select(s => s.Run).ToList();

        Assert.All(steps.Where(s => s.Run.Contains("docker compose", StringComparison.Ordinal)), s => Assert.Equal("compose", s.WorkingDirectory));
        Assert.Contains(commands, c => c.Contains("docker compose --profile smoke build", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("up -d --wait", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("--profile smoke run --rm smoke", StringComparison.Ordinal));
        Assert.Equal("failure()", Assert.Single(steps, s => s.Run.Contains("logs --no-color", StringComparison.Ordinal)).If);
        Assert.Equal("always()", Assert.Single(steps, s => s.Run.Contains("docker compose", StringComparison.Ordinal) && s.Run.Contains(" down", StringComparison.Ordinal)).If);
    }

    private IEnumerable<string> Commands(string job) => Steps(job).Select(s => s.Run);

    private IEnumerable<(string Run, string? WorkingDirectory, string? If)> Steps(string job) =>
        Yaml.List(Yaml.Map(Yaml.Map(workflow.Get("jobs")).Get(job)).Get("steps"))
            .Select(Yaml.Map)
            .Where(step => step.Get("run") is not null)
            .Select(step => (Yaml.Scalar(step.Get("run"))!.Trim(), Yaml.Scalar(step.Get("working-directory")), Yaml.Scalar(step.Get("if"))));
}
