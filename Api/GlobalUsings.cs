global using Orleans;
global using Loans.Grains.Interfaces;
global using Loans.Grains.Interfaces.Orders;
global using Loans.Grains.Interfaces.Verification;
global using Loans.Grains.Interfaces.Features;
global using Microsoft.AspNetCore.Http.HttpResults;
