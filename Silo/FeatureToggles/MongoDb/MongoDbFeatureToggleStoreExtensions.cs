using Loans.Grains.Features;
using Loans.Silo.Startup;
using Loans.Silo.Storage.MongoDb;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Loans.Silo.FeatureToggles.MongoDb;

public static class MongoDbFeatureToggleStoreExtensions
{
    /// <summary>
    /// Keeps the toggles in the orders' MongoDB: connection from <c>GrainStorage:MongoDb</c>, collections from
    /// <c>FeatureToggles:MongoDb</c>, validated at start-up; the silo waits for the server like the grain storage does.
    /// </summary>
    public static IServiceCollection AddMongoDbFeatureToggleStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MongoDbFeatureToggleStoreOptions>()
            .Bind(configuration.GetSection(MongoDbFeatureToggleStoreOptions.ConnectionSectionName))
            .Bind(configuration.GetSection(MongoDbFeatureToggleStoreOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MongoDbFeatureToggleStoreOptions>, MongoDbFeatureToggleStoreOptionsValidator>());
        services.AddSingleton<MongoDbFeatureToggleStore>();
        services.AddSingleton<IFeatureToggleStore>(sp => sp.GetRequiredService<MongoDbFeatureToggleStore>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<MongoDbFeatureToggleStore>());
        // The same server as the grain storage's: the waiter asks it once (it dedupes by setting and address).
        services.AddSingleton<IStartupDependency>(sp =>
        {
            var store = sp.GetRequiredService<IOptions<MongoDbFeatureToggleStoreOptions>>().Value;
            return new MongoDbStartupDependency(new MongoDbGrainStorageOptions { ConnectionString = store.ConnectionString, StartupTimeout = store.StartupTimeout });
        });
        return services;
    }
}
