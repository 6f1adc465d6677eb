namespace Loans.Tests.Regression;

/// <summary>
/// At the default log levels the silo wrote two Polly lines per grain placement and one line per order: a
/// quarter of its log was placement noise and the log grew with the traffic.
/// </summary>
public class QuietLogsTests
{
    [Fact]
    public async Task At_the_default_log_levels_the_logs_do_not_grow_with_the_number_of_orders()
    {
        // No Logging__ settings: the levels appsettings.json ships with, as ./run.sh runs it.
        await using var system = await LoansSystem.Start(AdminCredentials.Settings);
        await SendOrders(system, 3);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var (silo, api) = (system.Silo!.LineCount, system.ApiProcess!.LineCount);

        // Each order is a new grain: a placement, a verification, a write.
        await SendOrders(system, 30);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.True(system.Silo.LineCount == silo, $"The silo wrote {system.Silo.LineCount - silo} lines for 30 orders:{Environment.NewLine}{system.Silo.Output}");
        Assert.True(system.ApiProcess.LineCount == api, $"The API wrote {system.ApiProcess.LineCount - api} lines for 30 orders:{Environment.NewLine}{system.ApiProcess.Output}");
    }

    private static async Task SendOrders(LoansSystem system, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await system.Api.PostJson("/orders", Fixtures.LoanOrderJson);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }
}
