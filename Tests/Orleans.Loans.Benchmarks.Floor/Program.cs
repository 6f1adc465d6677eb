using Loans.Benchmarks.Floor;

// The least a silo and an API beside it can weigh: ASP.NET Core with an Orleans silo, and ASP.NET Core with an
// Orleans client, and nothing else (no storage, telemetry, dashboard or validation). The benchmark starts it as
// two processes, "silo" and "client", and reports their idle memory beside the real system's.
var role = args.FirstOrDefault();
if (role is not ("silo" or "client"))
{
    Console.Error.WriteLine("usage: Orleans.Loans.Benchmarks.Floor silo|client (settings: Urls, Floor__SiloPort, Floor__GatewayPort)");
    return 2;
}

var builder = WebApplication.CreateBuilder(args[1..]);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var siloPort = builder.Configuration.GetValue("Floor:SiloPort", 11111);
var gatewayPort = builder.Configuration.GetValue("Floor:GatewayPort", 30000);
if (role == "silo")
{
    builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort, gatewayPort));
}
else
{
    builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort));
}

var app = builder.Build();
app.MapGet("/", (IGrainFactory grains) => grains.GetGrain<IFloorGrain>(0).Ping());
await app.RunAsync();
return 0;
