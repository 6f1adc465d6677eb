namespace Loans.Tests.Infrastructure;

/// <summary>One running system (real Silo and Api processes) shared by a test collection.</summary>
public sealed class LoansSystemFixture : IAsyncLifetime
{
    public LoansSystem System { get; private set; } = null!;

    /// <summary>A client that presents the administrator credential.</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>A client with no credential, as a customer-facing caller.</summary>
    public HttpClient Anonymous => System.Api;

    public async Task InitializeAsync()
    {
        // The malformed corpus sends 10,000 requests from one address as fast as it can; each must reach the
        // parser, not the order rate limit (Tests/Security/OrderRateLimitTests specifies the limit).
        System = await LoansSystem.Start(new Dictionary<string, string>(AdminCredentials.Settings) { ["Api__OrderRateLimit__Enabled"] = "false" });
        Admin = new HttpClient { BaseAddress = System.ApiAddress, Timeout = TimeSpan.FromSeconds(30) };
        AdminCredentials.Authorize(Admin);
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await System.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<LoansSystemFixture>
{
    public const string Name = "Loans system";
}
