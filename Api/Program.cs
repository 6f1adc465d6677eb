using Loans.Api.Health;
using Loans.Api.Hosting;
using Loans.Api.Telemetry;
using Loans.Hosting;

BadSettingExit.Install();
var builder = WebApplication.CreateBuilder(args);

// The API as its own process, reaching the grains through a cluster client. A silo can host the same API in its
// own process instead (Silo:HostApi); the API itself is composed in Hosting/LoansApiExtensions.cs for both.
builder.AddLoansClusterClient();
builder.AddLoansGracefulShutdown();
builder.AddLoansHealth();
builder.AddLoansTelemetry();
builder.AddLoansApi();

var app = builder.Build();
app.ValidateSettingsOrExit();

app.UseLoansApi();
app.MapLoansTelemetry();
app.MapLoansHealth();
app.MapLoansApi();

app.Run();

/// <summary>The API's entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
