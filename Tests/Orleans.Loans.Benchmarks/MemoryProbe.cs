using Loans.Silo.Hosting;
using Loans.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Loans.Benchmarks;

/// <summary>Managed heap and RSS of idle order grains, measured before, with and after N activations.</summary>
public sealed record MemoryResult(int Grains, long HeapBefore, long HeapActive, long HeapCollected, long RssBefore, long RssActive, long RssCollected, int ActivationsLeft, long HeapReleased, long RssReleased)
{
    public double HeapBytesPerGrain => (HeapActive - HeapBefore) / (double)Grains;

    public double RssBytesPerGrain => (RssActive - RssBefore) / (double)Grains;
}

/// <summary>
/// Hosts a silo IN THIS PROCESS with the production wiring (AddLoansSilo, SQLite storage), because the
/// silo's managed heap is what a grain costs and GC.GetTotalMemory can only read its own process. Orders are
/// written straight into the SQLite table (same schema and document format) rather than through HTTP, then
/// activated with one Get() each, so the figure is the cost of an idle activation holding a stored order.
/// </summary>
public static class MemoryProbe
{
    public static async Task<MemoryResult> Run(int grains, string sampleOrder)
    {
        using var directory = new TemporaryDirectory("loans-memory");
        var ordersDb = Path.Combine(directory.Path, "loans.db");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GrainStorage:Sqlite:DataSource"] = ordersDb,
            ["FeatureToggles:DataSource"] = Path.Combine(directory.Path, "toggles.db"),
        });
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort.Next(), FreePort.Next(), serviceId: "loans-memory", clusterId: "loans-memory")
            .AddLoansSilo(builder.Configuration));
        using var host = builder.Build();
        await host.StartAsync();
        var factory = host.Services.GetRequiredService<IGrainFactory>();

        var ids = Enumerable.Range(0, grains).Select(_ => Guid.NewGuid()).ToArray();
        StoredOrderPrefill.Insert(ordersDb, ids, sampleOrder);
        await factory.GetGrain<ILoanOrderGrain>(Guid.NewGuid()).Get();
        var (heapBefore, rssBefore) = Measure();

        foreach (var chunk in ids.Chunk(1000))
        {
            await Task.WhenAll(chunk.Select(id => factory.GetGrain<ILoanOrderGrain>(id).Get()));
        }

        var (heapActive, rssActive) = Measure();
        var management = factory.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var (heapCollected, rssCollected) = Measure();
        var left = await management.GetTotalActivationCount();
        // Server GC keeps freed regions committed for reuse; an aggressive collection decommits them, which tells
        // memory the process still uses apart from memory it could hand back under pressure.
        var (heapReleased, rssReleased) = Measure(GCCollectionMode.Aggressive);
        await host.StopAsync();
        return new MemoryResult(grains, heapBefore, heapActive, heapCollected, rssBefore, rssActive, rssCollected, left, heapReleased, rssReleased);
    }

    private static (long Heap, long Rss) Measure(GCCollectionMode mode = GCCollectionMode.Forced)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, mode, blocking: true, compacting: true);
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), self.WorkingSet64);
    }
}
