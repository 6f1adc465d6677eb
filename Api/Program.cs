using Loans.Api.Admin;
using Loans.Api.AdminConsole;
using Loans.Api.Customers;
using Loans.Api.DataProtection;
using Loans.Api.Features;
using Loans.Api.Health;
using Loans.Api.Hosting;
using Loans.Api.Http;
using Loans.Api.Orders;
using Loans.Api.Proxy;
using Loans.Api.Telemetry;
using Loans.Hosting;

BadSettingExit.Install();
var builder = WebApplication.CreateBuilder(args);

builder.AddLoansProxySupport();
builder.AddLoansClusterClient();
builder.AddLoansGracefulShutdown();
builder.AddLoansHealth();
builder.AddLoansTelemetry();
builder.AddLoansKeyRing();
builder.AddAdminAccess();
builder.AddFeatureToggleViews();
builder.AddLoansOrderRateLimit();
builder.Services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
builder.Services.AddOptions<RequestLimits>()
    .Bind(builder.Configuration.GetSection(RequestLimits.SectionName))
    .Validate(limits => limits.MaxRequestBodyBytes is >= 1024 and <= 16 * 1024 * 1024, "Api:MaxRequestBodyBytes must be between 1024 and 16777216.")
    .ValidateOnStart();
builder.Services.AddSingleton<JsonBody>();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ClusterUnavailableExceptionHandler>();
builder.AddLoansOpenApi();

var app = builder.Build();
app.ValidateSettingsOrExit();

app.UseLoansProxySupport();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapOpenApi();
app.MapLoansTelemetry();
app.MapLoansHealth();
app.MapOrdersApi();
app.MapCustomersApi();
app.MapFeaturesApi();
app.MapAdminConsole();
app.MapSyntheticOrdersApi().RequireAuthorization(AdminAccessExtensions.EditorPolicy);
app.AnnounceGeneratedAdminKey();

app.Run();

/// <summary>The API's entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
