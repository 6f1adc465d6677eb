using Loans.Silo.FeatureToggles.MongoDb;
using Loans.Silo.FeatureToggles.Sqlite;

namespace Loans.Silo.FeatureToggles;

public static class FeatureToggleStoreExtensions
{
    public const string ProviderKey = "FeatureToggles:Provider";

    /// <summary>Adds the toggle store chosen in <c>FeatureToggles:Provider</c> (default <c>Sqlite</c>).</summary>
    public static IServiceCollection AddFeatureToggleStore(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration[ProviderKey] is { } text
            ? Enum.TryParse<FeatureToggleStoreProvider>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new OptionsValidationException(ProviderKey, typeof(FeatureToggleStoreProvider),
                    [$"{ProviderKey} is '{text}'; expected one of: {string.Join(", ", Enum.GetNames<FeatureToggleStoreProvider>())}."])
            : FeatureToggleStoreProvider.Sqlite;
        return provider == FeatureToggleStoreProvider.MongoDb
            ? services.AddMongoDbFeatureToggleStore(configuration)
            : services.AddSqliteFeatureToggleStore(configuration);
    }
}
