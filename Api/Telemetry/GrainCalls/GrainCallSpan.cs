using System.Diagnostics;
using Orleans.Diagnostics;

namespace Loans.Api.Telemetry.GrainCalls;

/// <summary>
/// What a grain call's span carries, on either side of the call: Orleans' own activity sources and RPC tags, so
/// Zipkin and every dashboard built on Orleans' spans see what Orleans' propagation filters would have produced.
/// </summary>
internal static class GrainCallSpan
{
    private const string RpcSystem = "orleans";

    // Orleans' own tag names (its ActivityTagKeys are internal), RPC ones from OpenTelemetry's conventions.
    private const string RpcSystemTag = "rpc.system.name";
    private const string RpcServiceTag = "orleans.rpc.service";
    private const string RpcMethodTag = "rpc.method";
    private const string TargetIdTag = "orleans.rpc.target_id";
    private const string SourceIdTag = "orleans.rpc.source_id";

    // One instance per name is enough: listeners subscribe by name, so these feed the same pipelines as Orleans' own.
    private static readonly ActivitySource Application = new(ActivitySources.ApplicationGrainActivitySourceName);
    private static readonly ActivitySource Runtime = new(ActivitySources.RuntimeActivitySourceName);
    private static readonly ActivitySource Lifecycle = new(ActivitySources.LifecycleActivitySourceName);
    private static readonly ActivitySource Storage = new(ActivitySources.StorageActivitySourceName);

    /// <summary>The source Orleans files a call under: the application's grains, its own runtime, storage or lifecycle.</summary>
    public static ActivitySource SourceOf(IGrainCallContext context)
    {
        var interfaceType = context.Request.GetInterfaceType();
        return interfaceType.Name switch
        {
            "IMemoryStorageGrain" => Storage,
            "IGrainManagementExtension" or "IActivationMigrationManagerSystemTarget" => Lifecycle,
            "IAsyncEnumerableGrainExtension" => Application,
            _ when interfaceType.Namespace?.StartsWith("Orleans", StringComparison.Ordinal) == true => Runtime,
            _ => Application,
        };
    }

    /// <summary>Tags the span (only a recorded one: nobody reads a propagation-only span's tags), runs the call, ends the span.</summary>
    public static async Task Around(IGrainCallContext context, Activity span)
    {
        if (span.IsAllDataRequested)
        {
            span.SetTag(RpcSystemTag, RpcSystem);
            span.SetTag(RpcServiceTag, context.InterfaceName);
            span.SetTag(RpcMethodTag, $"{context.InterfaceName}/{context.MethodName}");
            span.SetTag(TargetIdTag, context.TargetId.ToString());
            if (context.SourceId is { } sourceId)
            {
                span.SetTag(SourceIdTag, sourceId.ToString());
            }
        }

        try
        {
            await context.Invoke();
        }
        catch (Exception exception)
        {
            if (span.IsAllDataRequested)
            {
                span.SetStatus(ActivityStatusCode.Error);
                span.SetTag("exception.type", exception.GetType().FullName);
                span.SetTag("exception.message", exception.Message);
                span.SetTag("exception.stacktrace", exception.ToString());
                span.SetTag("exception.escaped", true);
            }

            throw;
        }
        finally
        {
            span.Stop();
        }
    }
}
