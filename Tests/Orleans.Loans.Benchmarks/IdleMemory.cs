namespace Loans.Benchmarks;

/// <summary>Memory of each contender's processes after start-up, before any load.</summary>
public sealed record IdleMemory(string Contender, ProcessMemory Memory, string Processes);
