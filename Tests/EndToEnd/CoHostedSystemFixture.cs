namespace Loans.Tests.EndToEnd;

/// <summary>One silo process that serves the HTTP API itself (<c>Silo:HostApi=true</c>), shared by a test class.</summary>
public sealed class CoHostedSystemFixture : IAsyncLifetime
{
    public const string ConsoleUsername = "cohosted-admin";
    public const string ConsolePassword = "cohosted-password-0123";

    public LoansSystem System { get; private set; } = null!;

    /// <summary>A client that presents the administrator key.</summary>
    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        System = await LoansSystem.Start(
            new Dictionary<string, string>(AdminCredentials.Settings)
            {
                ["Admin__Username"] = ConsoleUsername,
                ["Admin__Password"] = ConsolePassword,
            },
            LoansTopology.CoHosted);
        Admin = new HttpClient { BaseAddress = System.ApiAddress, Timeout = TimeSpan.FromSeconds(30) };
        AdminCredentials.Authorize(Admin);
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await System.DisposeAsync();
    }
}
