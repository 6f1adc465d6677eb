using Loans.Tests.AdminConsole;

namespace Loans.Tests.Security;

/// <summary>
/// One running system (real Silo and Api processes) configured the way the security controls are exercised: a key
/// ring in a known directory (so other API processes can share it), a short absolute session lifetime, a tiny order
/// rate limit and the loopback address as the trusted reverse proxy.
/// </summary>
public sealed class HardenedSystemFixture : IAsyncLifetime
{
    public const string Username = "security-admin";
    public const string Password = "security-password-0123";
    public const int OrderBurst = 3;
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromSeconds(12);

    private readonly TemporaryDirectory keys = new("loans-security-keys");

    public LoansSystem System { get; private set; } = null!;

    public string KeysDirectory => Path.Combine(keys.Path, "ring");

    /// <summary>The settings of this system's API, for another API process that joins it (a replica, or a restart).</summary>
    public Dictionary<string, string> ApiSettings() => new(AdminCredentials.Settings)
    {
        ["Admin__Username"] = Username,
        ["Admin__Password"] = Password,
        ["Admin__SignInAttemptsPerMinute"] = "1000",
        ["Admin__SessionAbsoluteLifetime"] = "00:00:12",
        ["DataProtection__KeysDirectory"] = KeysDirectory,
        ["Api__OrderRateLimit__PermitsPerSecond"] = "1",
        ["Api__OrderRateLimit__Burst"] = $"{OrderBurst}",
        ["Api__ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
    };

    public async Task InitializeAsync() => System = await LoansSystem.Start(ApiSettings());

    /// <summary>A further API process on a free port, joined to this system's silo, with these settings changed.</summary>
    public async Task<ApiReplica> StartReplica(string name, IReadOnlyDictionary<string, string> changes)
    {
        var settings = ApiSettings();
        foreach (var (key, value) in changes)
        {
            settings[key] = value;
        }

        return await ApiReplica.Start(System, name, settings);
    }

    public ConsoleClient NewConsoleClient(Uri? address = null) => new(address ?? System.ApiAddress);

    public async Task DisposeAsync()
    {
        await System.DisposeAsync();
        keys.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class HardenedSystemCollection : ICollectionFixture<HardenedSystemFixture>
{
    public const string Name = "Hardened system";
}
