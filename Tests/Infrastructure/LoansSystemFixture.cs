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
        System = await LoansSystem.Start(AdminCredentials.Settings);
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
