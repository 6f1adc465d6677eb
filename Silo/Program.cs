using Loans.Silo.Clustering;
using Loans.Silo.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo
    .UseLoansClustering(builder.Configuration)
    .AddLoansSilo(builder.Configuration));

await builder.Build().RunAsync();
