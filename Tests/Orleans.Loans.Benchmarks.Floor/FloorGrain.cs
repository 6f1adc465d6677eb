namespace Loans.Benchmarks.Floor;

/// <summary>One call, so the floor's client has crossed to its silo once, as the system has when measured.</summary>
[Alias("Loans.Benchmarks.Floor.IFloorGrain")]
public interface IFloorGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task<string> Ping();
}

public sealed class FloorGrain : Grain, IFloorGrain
{
    public Task<string> Ping() => Task.FromResult("pong");
}
