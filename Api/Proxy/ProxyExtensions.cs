using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace Loans.Api.Proxy;

public static class ProxyExtensions
{
    /// <summary>
    /// Behind a TLS-terminating proxy: takes the client address and scheme from trusted proxies only
    /// (<c>Api:ForwardedHeaders</c>), so cookies are <c>Secure</c> and HSTS is sent when the client used HTTPS.
    /// The Host header is never taken from a proxy: <c>AllowedHosts</c> decides which hosts are served.
    /// </summary>
    public static WebApplicationBuilder AddLoansProxySupport(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(ForwardedHeadersSettings.SectionName).Get<ForwardedHeadersSettings>() ?? new();
        var failures = new List<string>();
        var proxies = Parse(settings.KnownProxies, "KnownProxies", (string text, out IPAddress address) => IPAddress.TryParse(text, out address!), failures);
        var networks = Parse(settings.KnownNetworks, "KnownNetworks", (string text, out IPNetwork network) => IPNetwork.TryParse(text, out network), failures);
        if (settings.ForwardLimit is < 1 or > 10)
        {
            failures.Add($"{ForwardedHeadersSettings.SectionName}:ForwardLimit must be between 1 and 10 (was {settings.ForwardLimit}).");
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(ForwardedHeadersSettings.SectionName, typeof(ForwardedHeadersSettings), failures);
        }

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // With both lists empty the middleware would believe every client: so nothing configured, nothing forwarded.
            options.ForwardedHeaders = proxies.Count + networks.Count > 0
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
            options.ForwardLimit = settings.ForwardLimit;
            // ASP.NET Core trusts loopback by default; here only what is configured is trusted.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    /// <summary>First in the pipeline, so everything after sees the client's address and scheme.</summary>
    public static WebApplication UseLoansProxySupport(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // Sent only on HTTPS requests (direct or forwarded by a trusted proxy), and never for localhost.
        app.UseHsts();
        return app;
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static List<T> Parse<T>(List<string> texts, string setting, TryParse<T> parse, List<string> failures)
    {
        var parsed = new List<T>();
        foreach (var text in texts)
        {
            if (parse(text.Trim(), out var value))
            {
                parsed.Add(value);
            }
            else
            {
                failures.Add($"{ForwardedHeadersSettings.SectionName}:{setting} has '{text}', which is not {(setting == "KnownProxies" ? "an IP address" : "a network such as 10.0.0.0/8")}.");
            }
        }

        return parsed;
    }
}
