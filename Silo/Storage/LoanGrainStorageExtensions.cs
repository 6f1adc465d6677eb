using Loans.Grains;
using Loans.Grains.Idempotency;
using Loans.Silo.Storage.AdoNet;
using Loans.Silo.Storage.MongoDb;
using Loans.Silo.Storage.Sqlite;

namespace Loans.Silo.Storage;

public static class LoanGrainStorageExtensions
{
    /// <summary>Maps the grains' storage names to the provider chosen in <c>GrainStorage:Provider</c>.</summary>
    public static ISiloBuilder AddLoanGrainStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        var section = configuration.GetSection(GrainStorageOptions.SectionName);
        var provider = section.GetValue<string>(nameof(GrainStorageOptions.Provider)) is { } text
            ? Enum.TryParse<GrainStorageProvider>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new OptionsValidationException(GrainStorageOptions.SectionName, typeof(GrainStorageOptions),
                    [$"{GrainStorageOptions.SectionName}:Provider is '{text}'; expected one of: {string.Join(", ", Enum.GetNames<GrainStorageProvider>())}."])
            : GrainStorageProvider.Sqlite;

        // Used idempotency keys are deleted once they no longer count; orders never expire, whatever is configured.
        var idempotencyExpiry = (configuration.GetSection(IdempotencyOptions.SectionName).Get<IdempotencyOptions>() ?? new()).StorageExpiry;
        switch (provider)
        {
            case GrainStorageProvider.Memory:
                silo.AddMemoryGrainStorage(StorageNames.Orders);
                silo.AddMemoryGrainStorage(StorageNames.Idempotency);
                silo.AddMemoryGrainStorage(StorageNames.AdminSessions);
                break;
            case GrainStorageProvider.MongoDb:
                var mongo = configuration.GetSection(MongoDbGrainStorageOptions.SectionName);
                silo.Services.AddMongoDbGrainStorage(StorageNames.Orders, options =>
                {
                    mongo.Bind(options);
                    options.Collection = "loan_orders";
                    options.IndexedFields = ["order.status", "order.order_date"];
                    options.ExpireAfter = null;
                });
                silo.Services.AddMongoDbGrainStorage(StorageNames.Idempotency, options =>
                {
                    mongo.Bind(options);
                    options.Collection = "idempotency_keys";
                    options.IndexedFields = ["claimed_at"];
                    options.ExpireAfter = idempotencyExpiry;
                });
                silo.Services.AddMongoDbGrainStorage(StorageNames.AdminSessions, options =>
                {
                    mongo.Bind(options);
                    options.Collection = "admin_sessions";
                    options.IndexedFields = [];
                    options.ExpireAfter = null;
                });
                break;
            case GrainStorageProvider.AdoNetSqlite:
                var ado = configuration.GetSection(AdoNetSqliteGrainStorageOptions.SectionName).Get<AdoNetSqliteGrainStorageOptions>() ?? new();
                silo.AddAdoNetSqliteGrainStorage(StorageNames.Orders, ado);
                silo.AddAdoNetSqliteGrainStorage(StorageNames.Idempotency, ado);
                silo.AddAdoNetSqliteGrainStorage(StorageNames.AdminSessions, ado);
                break;
            default:
                var sqlite = configuration.GetSection(SqliteGrainStorageOptions.SectionName);
                silo.Services.AddSqliteGrainStorage(StorageNames.Orders, options =>
                {
                    sqlite.Bind(options);
                    options.ReadableColumns = LoanOrderColumns;
                    options.IndexedColumns = ["status", "order_date"];
                    options.ExpireAfter = null;
                });
                silo.Services.AddSqliteGrainStorage(StorageNames.Idempotency, options =>
                {
                    sqlite.Bind(options);
                    options.ReadableColumns = new() { ["order_id"] = "$.order_id", ["claimed_at"] = "$.claimed_at" };
                    options.IndexedColumns = ["claimed_at"];
                    options.ExpireAfter = idempotencyExpiry;
                });
                silo.Services.AddSqliteGrainStorage(StorageNames.AdminSessions, options =>
                {
                    sqlite.Bind(options);
                    options.TableName = "admin_sessions";
                    options.ReadableColumns = new() { ["valid_after"] = "$.valid_after" };
                    options.IndexedColumns = [];
                    options.ExpireAfter = null;
                });
                break;
        }

        return silo;
    }

    internal static Dictionary<string, string> LoanOrderColumns => new()
    {
        ["order_id"] = "$.order.id",
        ["status"] = "$.order.status",
        ["amount"] = "$.order.amount",
        ["order_date"] = "$.order.order_date",
    };
}
