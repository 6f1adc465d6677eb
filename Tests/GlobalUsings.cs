global using System.Net;
global using System.Net.Http.Json;
global using Loans.Grains.Interfaces.Orders;
global using Loans.Grains.Interfaces.Verification;
global using Loans.Grains.Interfaces.Features;
global using Loans.Tests.Infrastructure;
