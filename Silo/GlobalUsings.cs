global using Orleans;
global using Orleans.Hosting;
global using Orleans.Runtime;
global using Microsoft.Extensions.Configuration;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;
global using Microsoft.AspNetCore.Http.HttpResults;
