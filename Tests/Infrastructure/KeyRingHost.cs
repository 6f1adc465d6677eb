using Loans.Api.DataProtection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Loans.Tests.Infrastructure;

/// <summary>
/// The API's key ring as the API builds it (<c>AddLoansKeyRing</c>, Production), from the given <c>DataProtection</c>
/// settings, without starting a process: each call is another API (a restart, a replica) with its own content root.
/// Disposes every service provider it built.
/// </summary>
public sealed class KeyRingHost(string root) : IDisposable
{
    private readonly List<ServiceProvider> providers = [];

    public IDataProtector Protector(IReadOnlyDictionary<string, string?> settings, string? contentRoot = null)
    {
        contentRoot ??= Path.Combine(root, "api");
        Directory.CreateDirectory(contentRoot);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = contentRoot });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddLoansKeyRing();
        var services = builder.Services.BuildServiceProvider();
        providers.Add(services);
        return services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Loans.Tests.KeyRing");
    }

    public void Dispose() => providers.ForEach(p => p.Dispose());
}
