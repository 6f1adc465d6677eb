namespace Loans.Tests.Deployment;

/// <summary>./test.sh sets up what its tests run for real, as README promises, on a fresh Debian machine.</summary>
public class TestScriptTests
{
    private static readonly string Script = File.ReadAllText(Path.Combine(Repository.Root, "test.sh"));

    [Theory]
    [InlineData("/usr/bin/sqlite3", "sqlite3")]
    [InlineData("/usr/bin/prometheus", "prometheus")]
    [InlineData("/usr/bin/promtool", "prometheus")]
    [InlineData("/usr/bin/chromium", "chromium")]
    [InlineData("/usr/bin/redis-server", "redis-server")]
    public void The_test_command_checks_each_binary_the_tests_start_and_installs_its_package(string binary, string package)
    {
        var packages = Line("packages=(").Trim('(', ')').Split(' ');
        var binaries = Line("binaries=(").Trim('(', ')').Split(' ');

        var index = Array.IndexOf(binaries, binary);
        Assert.True(index >= 0, $"test.sh does not check {binary}.");
        Assert.Equal(package, packages[index]);
        Assert.Contains("apt-get install -y", Script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ci_script_leaves_the_set_up_to_the_test_command()
    {
        var ci = File.ReadAllText(Path.Combine(Repository.Root, ".ci", "run"));

        Assert.DoesNotContain("apt-get", ci, StringComparison.Ordinal);
        Assert.Contains("./test.sh", ci, StringComparison.Ordinal);
    }

    private static string Line(string prefix) =>
        Assert.Single(Script.Split('\n'), line => line.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..].TrimEnd(')');
}
