using System.Text.RegularExpressions;

namespace Loans.Tests.Deployment;

/// <summary>
/// Finding 3: the compose stack refuses to start without its secrets (Grafana's included), publishes its ports on
/// the loopback address unless one documented variable says otherwise, and names the hosts the API answers to.
/// </summary>
public partial class ComposeSecurityTests
{
    private const string BindAddress = "${LOANS_BIND_ADDRESS:-127.0.0.1}";

    private readonly ComposeStack compose = ComposeStack.Load();

    [Theory]
    [InlineData("api", "Admin__ApiKey", "LOANS_ADMIN_API_KEY")]
    [InlineData("api", "Admin__Password", "LOANS_ADMIN_PASSWORD")]
    [InlineData("silo-1", "Dashboard__Password", "LOANS_DASHBOARD_PASSWORD")]
    [InlineData("silo-2", "Dashboard__Password", "LOANS_DASHBOARD_PASSWORD")]
    [InlineData("grafana", "GF_SECURITY_ADMIN_PASSWORD", "GRAFANA_ADMIN_PASSWORD")]
    [InlineData("smoke", "LOANS_ADMIN_API_KEY", "LOANS_ADMIN_API_KEY")]
    public void Each_secret_is_required_with_a_message_and_has_no_default(string service, string setting, string variable)
    {
        var value = compose[service].Environment.Get(setting);

        var required = RequiredVariable().Match(value ?? "");
        Assert.True(required.Success, $"{service} {setting} is '{value}': expected ${{{variable}:?message}}, which stops 'docker compose up' while it is unset.");
        Assert.Equal(variable, required.Groups["name"].Value);
        Assert.Contains(variable, required.Groups["message"].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_file_holds_no_fallback_secret()
    {
        var text = File.ReadAllText(ComposeStack.FilePath);

        Assert.DoesNotContain("change-me", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"(PASSWORD|API_KEY)[A-Z_]*:-", text);
    }

    [Fact]
    public void Every_published_port_binds_to_the_loopback_address_unless_LOANS_BIND_ADDRESS_says_otherwise()
    {
        var services = Yaml.Map(Yaml.LoadMap(ComposeStack.FilePath).Get("services"))!;
        var ports = services
            .SelectMany(s => Yaml.List(Yaml.Map(s.Value).Get("ports")).Select(p => (Service: s.Key, Port: Yaml.Scalar(p)!)))
            .ToList();

        Assert.Equal(6, ports.Count);
        Assert.All(ports, p => Assert.True(
            p.Port.StartsWith(BindAddress + ":", StringComparison.Ordinal) && p.Port.Count(c => c == ':') == 3,
            $"{p.Service} publishes '{p.Port}'; expected '{BindAddress}:HOST:CONTAINER'."));
    }

    [Fact]
    public void The_api_answers_only_to_named_hosts_including_the_ones_the_stack_itself_uses()
    {
        var allowed = compose["api"].Environment.Get("AllowedHosts");

        var match = VariableWithDefault().Match(allowed ?? "");
        Assert.True(match.Success, $"api AllowedHosts is '{allowed}': expected ${{LOANS_ALLOWED_HOSTS:-host;host}}.");
        Assert.Equal("LOANS_ALLOWED_HOSTS", match.Groups["name"].Value);
        var hosts = match.Groups["default"].Value.Split(';');
        Assert.DoesNotContain("*", hosts);
        // The health check (127.0.0.1), Prometheus and the smoke suite (api), a browser on the host (localhost).
        Assert.Equal(["localhost", "127.0.0.1", "api"], hosts);
    }

    [GeneratedRegex(@"^\$\{(?<name>[A-Z_]+):\?(?<message>[^}]+)\}\z")]
    private static partial Regex RequiredVariable();

    [GeneratedRegex(@"^\$\{(?<name>[A-Z_]+):-(?<default>[^}]+)\}\z")]
    private static partial Regex VariableWithDefault();
}
