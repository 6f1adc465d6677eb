using System.Diagnostics;

namespace Loans.Tests.Regression;

/// <summary>
/// LoanOrdersRejectionRatioJump fired at a constant 25 % rejection rate with no hour of history: its
/// <c>or vector(0)</c> turned "nothing to compare with" into "was zero an hour ago".
/// </summary>
public class RejectionRatioJumpOnSteadyStateTests
{
    [Fact]
    public async Task A_steady_rejection_rate_without_an_hour_of_history_does_not_fire()
    {
        using var directory = new TemporaryDirectory("rejection-jump");
        var rules = Path.Combine(Repository.Root, "dashboards", "alerts.yml");
        File.WriteAllText(directory.File("test.yml"), $$"""
            rule_files: ["{{rules}}"]
            evaluation_interval: 1m
            tests:
              - interval: 1m
                input_series:
                  - series: 'loans_orders_total{status="verified",synthetic="false"}'
                    values: '0+30x60'
                  - series: 'loans_orders_total{status="rejected",synthetic="false"}'
                    values: '0+10x60'
                alert_rule_test:
                  - { eval_time: 20m, alertname: LoanOrdersRejectionRatioJump, exp_alerts: [] }
                  - { eval_time: 55m, alertname: LoanOrdersRejectionRatioJump, exp_alerts: [] }
            """);

        var start = new ProcessStartInfo("/usr/bin/promtool", ["test", "rules", directory.File("test.yml")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var promtool = Process.Start(start)!;
        var output = await Task.WhenAll(promtool.StandardOutput.ReadToEndAsync(), promtool.StandardError.ReadToEndAsync());
        await promtool.WaitForExitAsync();

        Assert.True(promtool.ExitCode == 0, string.Concat(output));
    }
}
