using Loans.Silo.Clustering;
using Loans.Silo.CoHostedApi;
using Loans.Silo.Dashboard;
using Loans.Silo.Health;
using Loans.Silo.Hosting;
using Loans.Silo.Startup;
using Loans.Silo.Telemetry;

BadSettingExit.Install();

// Settings ship next to the binary; relative data paths stay relative to where the silo is started.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.UseOrleans(silo => silo
    .UseLoansClustering(builder.Configuration)
    .AddLoansSilo(builder.Configuration));
builder.AddLoansGracefulShutdown();
builder.AddLoansTelemetry();
builder.AddLoansDashboard();
builder.AddLoansHealth();
builder.AddLoansCoHostedApi();

var app = builder.Build();
app.ValidateSettingsOrExit();
app.UseLoansShutdownDeadline();

// Redis and MongoDB may start after the silo; it waits for them (Cluster:StartupTimeout,
// GrainStorage:MongoDb:StartupTimeout) and otherwise exits with one line naming the setting.
if (!await app.WaitForLoansDependencies())
{
    return 1;
}

// The silo's own HTTP endpoint (Urls, default http://127.0.0.1:8080) serves operations: health and dashboard;
// with Silo:HostApi it serves the whole HTTP API as well.
app.UseLoansCoHostedApi();
app.MapGet("/", () => TypedResults.Text("Orleans.Loans silo")).ExcludeFromDescription();
app.MapLoansHealth();
app.MapLoansDashboard();
app.MapLoansCoHostedApi();

await app.RunAsync();
return 0;
