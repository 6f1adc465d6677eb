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

    [Fact]
    public async Task When_another_writer_stored_the_order_first_its_order_is_returned_and_kept()
    {
        var grain = NewOrder();
        Assert.Null(await grain.Get());
        var id = grain.GetPrimaryKey();
        await InsertStoredOrder(id, "REJECTED");

        var order = await grain.Submit(Customers.ApplicationFor(Customers.Anna));

        Assert.Equal(LoanOrderStatus.Rejected, order.Status);
        Assert.Equal("1", await StoredEtag(id));
    }

    [Fact]
    public async Task A_fresh_activation_asked_to_submit_a_stored_order_returns_the_stored_one_without_writing()
    {
        var grain = NewOrder();
        var id = grain.GetPrimaryKey();
        await InsertStoredOrder(id, "REJECTED");

        var order = await grain.Submit(Customers.ApplicationFor(Customers.Anna));

        Assert.Equal(LoanOrderStatus.Rejected, order.Status);
        Assert.Equal("1", await StoredEtag(id));
        Assert.Equal(LoanOrderStatus.Rejected, (await grain.Get())!.Status);
    }

    [Fact]
    public async Task A_retried_submit_answers_the_order_an_earlier_attempt_stored_without_verifying_or_writing_again()
    {
        var grain = NewOrder();
        var id = grain.GetPrimaryKey();
        var writes = 0;
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == "Loans",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                if (span.DisplayName == "store loan order" && span.GetTagItem("loans.order.id")?.ToString() == id.ToString())
                {
                    Interlocked.Increment(ref writes);
                }
            },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        // The first attempt stored the order (here: a row put there), then its answer was lost; the API sends again.
        await InsertStoredOrder(id, "REJECTED");

        var order = await SubmitAsRetry(grain, Customers.ApplicationFor(Customers.Anna));

        Assert.Equal(LoanOrderStatus.Rejected, order.Status);
        Assert.Equal(0, Volatile.Read(ref writes));
        Assert.Equal("1", await StoredEtag(id));
    }

    private static async Task<LoanOrder> SubmitAsRetry(ILoanOrderGrain grain, LoanApplication application)
    {
        // Scoped to this async method: the mark does not outlive the call.
        SubmitAttempts.MarkRetry();
        return await grain.Submit(application);
    }

    private async Task InsertStoredOrder(Guid id, string status)
    {
        var document = $$$"""
            {"order": {"id": "{{{id}}}", "uuid": "{{{id}}}", "customer": {"uuid": "{{{Customers.AnnaUuid}}}", "person": {"name": "Anna",
             "surname": "Kowalska", "national_id_number": "86110302148", "gender": "FEMALE", "date_of_birth": "1986-11-03",
             "status": "NOT_STUDENT"}}, "order_date": "2026-01-01T00:00:00+00:00", "amount": 2000, "interest_rate": 0.05,
             "commission": 100, "promotions": [], "status": "{{{status}}}", "synthetic": false}}
            """;
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={fixture.OrdersDatabase}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO orders (grain_id, state_name, etag, document, created_at, updated_at) VALUES ($grain, 'order', 1, $document, '2026-01-01', '2026-01-01')";
        command.Parameters.AddWithValue("$grain", $"loanorder/{id:N}");
        command.Parameters.AddWithValue("$document", document);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string?> StoredEtag(Guid orderId) =>
        (await SqliteFile.Scalar(fixture.OrdersDatabase, "SELECT etag FROM orders WHERE order_id = $id", ("$id", orderId.ToString())))?.ToString();
}
