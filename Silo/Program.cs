using Loans.Silo.Clustering;
using Loans.Silo.Hosting;

// Settings ship next to the binary; relative data paths stay relative to where the silo is started.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.UseOrleans(silo => silo
    .UseLoansClustering(builder.Configuration)
    .AddLoansSilo(builder.Configuration));

await builder.Build().RunAsync();
