using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Loans.Silo.Storage.AdoNet;

public static class AdoNetSqliteGrainStorageExtensions
{
    /// <summary>
    /// Adds Orleans' own ADO.NET grain storage under <paramref name="name"/>, on the SQLite file of
    /// <paramref name="options"/>, whose tables are created on first start. Several names share the file and its table.
    /// </summary>
    public static ISiloBuilder AddAdoNetSqliteGrainStorage(this ISiloBuilder silo, string name, AdoNetSqliteGrainStorageOptions options)
    {
        OptionsValidation.ThrowIfInvalid(options, AdoNetSqliteGrainStorageOptions.SectionName);
        silo.Services.TryAddSingleton(options);
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, AdoNetSqliteSchema>());
        return silo.AddAdoNetGrainStorage(name, ado =>
        {
            ado.Invariant = AdoNetSqliteGrainStorageOptions.Invariant;
            ado.ConnectionString = AdoNetSqliteSchema.ConnectionString(options);
        });
    }
}
