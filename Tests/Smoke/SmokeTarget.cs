namespace Loans.Tests.Smoke;

/// <summary>
/// The deployment under smoke test. With LOANS_BASE_URL set it is that deployment (production, the compose
/// stack); without it, a local system started from the build output, so the suite also runs in CI.
/// </summary>
public sealed class SmokeTarget : IAsyncLifetime
{
    public const string BaseUrlVariable = "LOANS_BASE_URL";
    public const string AdminApiKeyVariable = "LOANS_ADMIN_API_KEY";
    public const string SiloMetricsUrlVariable = "LOANS_SILO_METRICS_URL";

    private LoansSystem? local;

    /// <summary>A client for the API that refuses to send anything that could change a toggle.</summary>
    public HttpClient Api { get; private set; } = null!;

    /// <summary>Whether the administrator API key is known, so toggles can be read.</summary>
    public bool CanReadToggles { get; private set; }

    public Uri? SiloMetrics { get; private set; }

    public async Task InitializeAsync()
    {
        var baseUrl = Environment.GetEnvironmentVariable(BaseUrlVariable);
        string? apiKey;
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            local = await LoansSystem.Start(AdminCredentials.Settings);
            baseUrl = local.ApiAddress.ToString();
            apiKey = AdminCredentials.ApiKey;
        }
        else
        {
            apiKey = Environment.GetEnvironmentVariable(AdminApiKeyVariable);
            SiloMetrics = Environment.GetEnvironmentVariable(SiloMetricsUrlVariable) is { Length: > 0 } metrics ? new Uri(metrics) : null;
        }

        Api = new HttpClient(new ReadOnlyTogglesHandler { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (!string.IsNullOrEmpty(apiKey))
        {
            Api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
            CanReadToggles = true;
        }
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        if (local is not null)
        {
            await local.DisposeAsync();
        }
    }

    /// <summary>The smoke suite never changes a production toggle: any such request fails before it is sent.</summary>
    private sealed class ReadOnlyTogglesHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.Method != HttpMethod.Get && request.RequestUri?.AbsolutePath.StartsWith("/features", StringComparison.Ordinal) == true
                ? throw new InvalidOperationException($"The smoke suite must not change toggles: {request.Method} {request.RequestUri}")
                : base.SendAsync(request, cancellationToken);
    }
}

[CollectionDefinition(Name)]
public sealed class SmokeCollection : ICollectionFixture<SmokeTarget>
{
    public const string Name = "Smoke";
}
