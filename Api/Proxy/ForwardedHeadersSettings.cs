namespace Loans.Api.Proxy;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the API believes. Section
/// <c>Api:ForwardedHeaders</c>. Empty (the default) believes nobody: the client address is the connection's and the
/// scheme is what Kestrel served, so no client can forge either by sending the headers itself.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "Api:ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. <c>172.18.0.0/16</c> for a Docker network.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row are trusted (entries taken from the end of X-Forwarded-For).</summary>
    public int ForwardLimit { get; set; } = 1;
}
