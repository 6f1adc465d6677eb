using System.Text.Json;
using Loans.Grains.Orders;
using Loans.Silo.Storage;
using Microsoft.Data.Sqlite;
using Orleans.Runtime;

namespace Loans.Benchmarks;

/// <summary>
/// Writes orders straight into a silo's SQLite <c>orders</c> table, in the storage's own document format, so
/// that a benchmark can start from a large store in seconds instead of hours of POSTs.
/// </summary>
public static class StoredOrderPrefill
{
    public static void Insert(string database, IReadOnlyList<Guid> ids, string sampleOrder)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO orders (grain_id, state_name, etag, document, created_at, updated_at) VALUES ($id, 'order', 1, $document, $now, $now)";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var document = insert.Parameters.Add("$document", SqliteType.Text);
        insert.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O"));
        var customer = JsonSerializer.Deserialize<Customer>(JsonDocument.Parse(sampleOrder).RootElement.GetProperty("customer").GetRawText(), StateDocumentJson.Options)!;
        foreach (var orderId in ids)
        {
            var order = new LoanOrder(orderId, orderId, customer, DateTimeOffset.UtcNow, 2000m, 0.05m, 200m, [], LoanOrderStatus.Verified);
            id.Value = GrainId.Create("loanorder", orderId.ToString("N")).ToString();
            document.Value = JsonSerializer.Serialize(new LoanOrderState { Order = order }, StateDocumentJson.Options);
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
