namespace Loans.Tests.Infrastructure;

/// <summary>How a <see cref="LoansSystem"/> serves its HTTP API.</summary>
public enum LoansTopology
{
    /// <summary>A silo process and an API process, as <c>./run.sh</c> and the compose stack run them.</summary>
    TwoProcesses,

    /// <summary>One silo process that serves the HTTP API itself (<c>Silo:HostApi=true</c>, <c>./run.sh --cohosted</c>).</summary>
    CoHosted,
}
