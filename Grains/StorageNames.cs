namespace Loans.Grains;

/// <summary>The grain storage names the grains persist to; the silo maps each to a configured provider.</summary>
public static class StorageNames
{
    public const string Orders = "orders";
    public const string Idempotency = "idempotency";
    public const string AdminSessions = "admin-sessions";
}
