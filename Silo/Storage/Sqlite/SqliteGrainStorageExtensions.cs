using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime.Hosting;

namespace Loans.Silo.Storage.Sqlite;

public static class SqliteGrainStorageExtensions
{
    /// <summary>Adds a named SQLite grain storage configured from <paramref name="configure"/>, validated at start-up.</summary>
    public static IServiceCollection AddSqliteGrainStorage(this IServiceCollection services, string name, Action<SqliteGrainStorageOptions> configure)
    {
        services.AddOptions<SqliteGrainStorageOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteGrainStorageOptions>, SqliteGrainStorageOptionsValidator>());
        services.AddGrainStorage(name, SqliteGrainStorage.Create);
        return services;
    }
}
