namespace Loans.Tests.Observability;

/// <summary>Telemetry settings are checked at start-up, with a message naming the setting to fix.</summary>
public class TelemetrySettingsTests
{
    [Fact]
    public async Task Silo_refuses_to_start_with_a_prometheus_listener_url_without_port()
    {
        using var directory = new TemporaryDirectory("loans-settings");
        var settings = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Cluster__SiloPort"] = $"{FreePort.Next()}",
            ["Cluster__GatewayPort"] = $"{FreePort.Next()}",
            ["Telemetry__PrometheusListenerUrl"] = "http://localhost/metrics",
        };
        await using var silo = LoansProcess.Start("Silo", "silo", directory.Path, settings);

        await StartupFailure.AssertExitsNaming(silo, "Telemetry:PrometheusListenerUrl", "The silo started with an invalid Telemetry:PrometheusListenerUrl.");
    }
}
