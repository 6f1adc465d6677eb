namespace Loans.Api.Orders;

/// <summary>
/// The public limit on <c>POST /orders</c> per client address: a token bucket. Section <c>Api:OrderRateLimit</c>.
/// The default is a ceiling against floods, well above what one honest client sends; a deployment facing the
/// internet lowers it to its own traffic.
/// </summary>
public sealed class OrderRateLimitOptions
{
    public const string SectionName = "Api:OrderRateLimit";

    /// <summary>Off only where one address legitimately sends the whole load (the benchmark).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Orders per second one address may keep sending.</summary>
    public int PermitsPerSecond { get; set; } = 500;

    /// <summary>Orders one address may send at once above the steady rate.</summary>
    public int Burst { get; set; } = 1000;
}
