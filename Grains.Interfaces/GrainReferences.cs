using Orleans.Runtime;

namespace Loans.Grains.Interfaces;

/// <summary>
/// Grain references for the hot paths, without Orleans' per-call reflection: <c>GetGrain&lt;T&gt;(key)</c> reads
/// T's custom attributes to find its grain interface type on every call (6.9 % of a warm GET served co-hosted,
/// docs/performance.md). Here Orleans resolves each interface's grain type and interface type once, on the first
/// reference, and later references are built from them: the same reference <c>GetGrain&lt;T&gt;(key)</c> returns.
/// </summary>
public static class GrainReferences
{
    public static T ReferenceTo<T>(this IGrainFactory grains, Guid key) where T : IGrainWithGuidKey =>
        Resolved<T>.Types is { } types
            ? (T)grains.GetGrain(GrainId.Create(types.Grain, GrainIdKeyExtensions.CreateGuidKey(key)), types.Interface)
            : Resolved<T>.From(grains.GetGrain<T>(key));

    public static T ReferenceTo<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey =>
        Resolved<T>.Types is { } types
            ? (T)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface)
            : Resolved<T>.From(grains.GetGrain<T>(key));

    public static T ReferenceTo<T>(this IGrainFactory grains, long key) where T : IGrainWithIntegerKey =>
        Resolved<T>.Types is { } types
            ? (T)grains.GetGrain(GrainId.Create(types.Grain, GrainIdKeyExtensions.CreateIntegerKey(key)), types.Interface)
            : Resolved<T>.From(grains.GetGrain<T>(key));

    private static class Resolved<T> where T : IAddressable
    {
        // One immutable object, so a reader sees both types or neither. Two first calls racing resolve the same values.
        public static GrainTypes? Types;

        public static T From(T reference)
        {
            var resolved = (GrainReference)(object)reference;
            Types = new GrainTypes(resolved.GrainId.Type, resolved.InterfaceType);
            return reference;
        }
    }

    private sealed record GrainTypes(GrainType Grain, GrainInterfaceType Interface);
}
