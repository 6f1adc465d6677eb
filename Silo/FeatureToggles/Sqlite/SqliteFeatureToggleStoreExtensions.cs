using Loans.Grains.Features;

namespace Loans.Silo.FeatureToggles.Sqlite;

public static class SqliteFeatureToggleStoreExtensions
{
    public static IServiceCollection AddSqliteFeatureToggleStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SqliteFeatureToggleStoreOptions>()
            .Bind(configuration.GetSection(SqliteFeatureToggleStoreOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataSource), $"{SqliteFeatureToggleStoreOptions.SectionName}:DataSource must name the toggle database file.")
            .ValidateOnStart();
        services.AddSingleton<SqliteFeatureToggleStore>();
        services.AddSingleton<IFeatureToggleStore>(sp => sp.GetRequiredService<SqliteFeatureToggleStore>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SqliteFeatureToggleStore>());
        return services;
    }
}
