namespace Loans.Tests.Grains;

[Collection(ClusterCollection.Name)]
public class LoanOrderGrainTests(LoansClusterFixture fixture)
{
    private ILoanOrderGrain NewOrder() => fixture.Client.GetGrain<ILoanOrderGrain>(Guid.NewGuid());

    [Fact]
    public async Task Verifies_and_stores_the_seed_order()
    {
        var grain = NewOrder();

        var order = await grain.Submit(Customers.ApplicationFor(Customers.Anna));

        Assert.Equal(LoanOrderStatus.Verified, order.Status);
        Assert.Equal(grain.GetPrimaryKey(), order.Id);
        Assert.Equivalent(order, await grain.Get(), strict: true);
    }

    [Fact]
    public async Task Rejects_a_customer_who_fails_a_check()
    {
        var order = await NewOrder().Submit(Customers.ApplicationFor(Customers.BornOn(new DateOnly(1990, 5, 5), name: "J4n")));

        Assert.Equal(LoanOrderStatus.Rejected, order.Status);
    }

    [Fact]
    public async Task Resubmitting_returns_the_stored_order_unchanged()
    {
        var grain = NewOrder();
        var first = await grain.Submit(Customers.ApplicationFor(Customers.Anna, amount: 2000m));

        var second = await grain.Submit(Customers.ApplicationFor(Customers.BornOn(new DateOnly(1990, 5, 5), name: "J4n"), amount: 5m));

        Assert.Equivalent(first, second, strict: true);
        Assert.Equal("1", await StoredEtag(first.Id));
    }

    [Fact]
    public async Task An_unknown_order_reads_as_null() => Assert.Null(await NewOrder().Get());

    [Fact]
    public async Task The_order_survives_deactivation()
    {
        var grain = NewOrder();
        var order = await grain.Submit(Customers.ApplicationFor(Customers.Anna));

        await fixture.Cluster.RestartSiloAsync(fixture.Cluster.Primary!);
        await fixture.Cluster.WaitForLivenessToStabilizeAsync();

        Assert.Equivalent(order, await fixture.Client.GetGrain<ILoanOrderGrain>(order.Id).Get(), strict: true);
    }

    private async Task<string?> StoredEtag(Guid orderId)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={fixture.OrdersDatabase}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag FROM orders WHERE order_id = $id";
        command.Parameters.AddWithValue("$id", orderId.ToString());
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
