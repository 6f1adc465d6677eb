namespace Loans.Api.Orders;

/// <summary>
/// The X-Synthetic request header marks traffic from smoke tests run against production: such orders are
/// processed for real but recorded as synthetic and kept out of business figures.
/// </summary>
public static class SyntheticTraffic
{
    public const string HeaderName = "X-Synthetic";

    public static (bool Synthetic, string? Error) From(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(HeaderName, out var values))
        {
            return (false, null);
        }

        return values.Count == 1 && bool.TryParse(values[0], out var synthetic)
            ? (synthetic, null)
            : (false, $"{HeaderName} must be true or false.");
    }
}
