global using Orleans;
global using Loans.Grains.Interfaces;
global using Orleans.Concurrency;
global using Orleans.Runtime;
global using Loans.Grains.Interfaces.Orders;
global using Loans.Grains.Interfaces.Verification;
global using Loans.Grains.Interfaces.Features;
