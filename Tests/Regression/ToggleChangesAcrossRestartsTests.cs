using Loans.Tests.Observability;

namespace Loans.Tests.Regression;

/// <summary>
/// Defect: toggle changes were a counter, loans_feature_toggle_changes_total{toggle,enabled,mode}; the first change
/// into each mode started a new series that increase() cannot see, and a restart reset it. The revision gauge is
/// stored with the toggle: reported from start-up, unchanged by a restart, one step per change.
/// </summary>
public class ToggleChangesAcrossRestartsTests
{
    [Fact]
    public async Task The_revision_is_reported_from_start_up_survives_a_restart_and_steps_once_per_change()
    {
        await using var system = await LoansSystem.Start(AdminCredentials.Settings);
        AdminCredentials.Authorize(system.Api);

        // Before any change or order, the silo already reports the toggle.
        Assert.Equal(0, await Gauge(system, "loans_feature_toggle_revision"));
        Assert.Equal(1, await Gauge(system, "loans_feature_toggle_mode", ("mode", "off")));

        await LoansTraffic.SetNewVerificationMode(system.Api, "SHADOW");
        await LoansTraffic.SetNewVerificationMode(system.Api, "SHADOW");
        Assert.Equal(1, await Gauge(system, "loans_feature_toggle_revision"));

        await system.StopProcesses();
        await system.StartProcesses();

        Assert.Equal(1, await Gauge(system, "loans_feature_toggle_revision"));
        Assert.Equal(1, await Gauge(system, "loans_feature_toggle_mode", ("mode", "shadow")));
        Assert.Equal(1, await Gauge(system, "loans_feature_toggle_last_change", ("from", "OFF"), ("to", "SHADOW"), ("changed_by", "admin-api-key")));

        await LoansTraffic.SetNewVerification(system.Api, enabled: false);
        Assert.Equal(2, await Gauge(system, "loans_feature_toggle_revision"));
        Assert.Equal(2, await Gauge(system, "loans_feature_toggle_last_change", ("from", "SHADOW"), ("to", "OFF")));
        Assert.Equal(0, await Gauge(system, "loans_feature_toggle_percentage"));
    }

    /// <summary>A NEW_VERIFICATION gauge as the silo serves it, waiting for the start-up load of the toggle.</summary>
    private static async Task<double> Gauge(LoansSystem system, string name, params (string Key, string Value)[] labels)
    {
        using var scraper = new HttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var samples = PrometheusText.Parse(await scraper.GetStringAsync(new Uri(system.SiloMetricsAddress, "/metrics")))
                .Where(s => s.Name == name && s.Label("toggle") == FeatureNames.NewVerification && labels.All(l => s.Label(l.Key) == l.Value))
                .ToList();
            if (samples.Count == 1)
            {
                return samples[0].Value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The silo does not serve {name} for {FeatureNames.NewVerification} with {string.Join(",", labels)}.");
            await Task.Delay(200);
        }
    }
}
