using Loans.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Loans.Tests.Persistence;

/// <summary>AddSqliteGrainStorage: a named grain storage that uses its own settings, checked when the host starts.</summary>
public sealed class SqliteGrainStorageRegistrationTests : IDisposable
{
    private readonly TemporaryDirectory directory = new("sqlite-registration");

    public sealed class Document
    {
        public string? Text { get; set; }
    }

    [Fact]
    public async Task The_named_storage_writes_where_its_settings_say()
    {
        var path = directory.File("loans.db");
        using var services = Services(options => { options.DataSource = path; options.TableName = "registered"; });
        using var storage = Assert.IsType<SqliteGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>("orders"));

        storage.Open();
        await storage.WriteStateAsync("order", GrainId.Create("loanorder", "1"), new GrainState<Document>(new Document { Text = "stored" }));

        Assert.Equal(1L, await SqliteFile.Scalar(path, "SELECT COUNT(*) FROM registered"));
    }

    [Fact]
    public void Wrong_settings_stop_the_host_at_start_naming_the_setting()
    {
        using var services = Services(options => { options.DataSource = directory.File("loans.db"); options.MaxBatchSize = 0; });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(["SQLite grain storage 'orders': GrainStorage:Sqlite:MaxBatchSize must be at least 1 (was 0)."], failure.Failures);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    private static ServiceProvider Services(Action<SqliteGrainStorageOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSqliteGrainStorage("orders", configure);
        return services.BuildServiceProvider();
    }
}
