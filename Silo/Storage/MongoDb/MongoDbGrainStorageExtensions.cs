using Microsoft.Extensions.DependencyInjection.Extensions;
using Loans.Silo.Startup;
using Orleans.Runtime.Hosting;

namespace Loans.Silo.Storage.MongoDb;

public static class MongoDbGrainStorageExtensions
{
    /// <summary>Adds a named MongoDB grain storage configured from <paramref name="configure"/>, validated at start-up.</summary>
    public static IServiceCollection AddMongoDbGrainStorage(this IServiceCollection services, string name, Action<MongoDbGrainStorageOptions> configure)
    {
        services.AddOptions<MongoDbGrainStorageOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MongoDbGrainStorageOptions>, MongoDbGrainStorageOptionsValidator>());
        services.AddGrainStorage(name, MongoDbGrainStorage.Create);
        services.AddSingleton<IStartupDependency>(provider =>
            new MongoDbStartupDependency(provider.GetRequiredService<IOptionsMonitor<MongoDbGrainStorageOptions>>().Get(name)));
        return services;
    }
}
