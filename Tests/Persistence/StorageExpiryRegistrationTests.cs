using Loans.Silo.Storage;
using Loans.Silo.Storage.MongoDb;
using Loans.Silo.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Loans.Tests.Persistence;

/// <summary>Used idempotency keys expire an hour after their retention; orders never, whatever is configured.</summary>
public class StorageExpiryRegistrationTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Idempotency:Retention"] = "2.00:00:00",
        // Someone tries to expire everything through configuration: orders must still be kept.
        ["GrainStorage:Sqlite:ExpireAfter"] = "00:00:01",
        ["GrainStorage:MongoDb:ExpireAfter"] = "00:00:01",
        ["GrainStorage:MongoDb:ConnectionString"] = "mongodb://mongo:27017",
    };

    [Fact]
    public void Sqlite_expires_idempotency_keys_after_retention_plus_an_hour_and_never_orders()
    {
        using var host = Build("Sqlite");
        var options = host.Services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>();

        Assert.Equal(TimeSpan.FromHours(49), options.Get("idempotency").ExpireAfter);
        Assert.Null(options.Get("orders").ExpireAfter);
    }

    [Fact]
    public void MongoDb_expires_idempotency_keys_after_retention_plus_an_hour_and_never_orders()
    {
        using var host = Build("MongoDb");
        var options = host.Services.GetRequiredService<IOptionsMonitor<MongoDbGrainStorageOptions>>();

        Assert.Equal(TimeSpan.FromHours(49), options.Get("idempotency").ExpireAfter);
        Assert.Null(options.Get("orders").ExpireAfter);
    }

    private static IHost Build(string provider)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.Configuration["GrainStorage:Provider"] = provider;
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddLoanGrainStorage(builder.Configuration));
        return builder.Build();
    }
}
