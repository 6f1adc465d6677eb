namespace Loans.Api.Http;

/// <summary>Limits on what a client may send. Section <c>Api</c>.</summary>
public sealed class RequestLimits
{
    public const string SectionName = "Api";

    /// <summary>The largest JSON body accepted; a loan order is well under 4 KiB.</summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;
}
