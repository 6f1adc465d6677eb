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
        await AssertGauge(system, 0, "loans_feature_toggle_revision");
        await AssertGauge(system, 1, "loans_feature_toggle_mode", ("mode", "off"));

        await LoansTraffic.SetNewVerificationMode(system.Api, "SHADOW");
        await LoansTraffic.SetNewVerificationMode(system.Api, "SHADOW");
        await AssertGauge(system, 1, "loans_feature_toggle_revision");

        await system.StopProcesses();
        await system.StartProcesses();

        await AssertGauge(system, 1, "loans_feature_toggle_revision");
        await AssertGauge(system, 1, "loans_feature_toggle_mode", ("mode", "shadow"));
        await AssertGauge(system, 1, "loans_feature_toggle_last_change", ("from", "OFF"), ("to", "SHADOW"), ("changed_by", "admin-api-key"));

        await LoansTraffic.SetNewVerification(system.Api, enabled: false);
        await AssertGauge(system, 2, "loans_feature_toggle_revision");
        await AssertGauge(system, 2, "loans_feature_toggle_last_change", ("from", "SHADOW"), ("to", "OFF"));
        await AssertGauge(system, 0, "loans_feature_toggle_percentage");
    }

    /// <summary>
    /// Waits until the silo serves a NEW_VERIFICATION gauge with the expected value: the toggle loads in the background
    /// at start-up, and the exporter caches its answer for a short while.
    /// </summary>
    private static async Task AssertGauge(LoansSystem system, double expected, string name, params (string Key, string Value)[] labels)
    {
        using var scraper = new HttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var samples = PrometheusText.Parse(await scraper.GetStringAsync(new Uri(system.SiloMetricsAddress, "/metrics")))
                .Where(s => s.Name == name && s.Label("toggle") == FeatureNames.NewVerification && labels.All(l => s.Label(l.Key) == l.Value))
                .ToList();
            if (samples.Count == 1 && samples[0].Value == expected)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The silo serves {name} for {FeatureNames.NewVerification} with {string.Join(",", labels)} as {string.Join(",", samples.Select(s => s.Value))}, not {expected}.");
            await Task.Delay(200);
        }
    }
}
