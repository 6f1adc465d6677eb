using System.Text.RegularExpressions;

namespace Loans.Silo.Telemetry;

/// <summary>
/// The host and port of the stand-alone Prometheus listener. The exporter takes them separately (no URI
/// prefixes any more), and <see cref="Uri"/> rejects HttpListener's wildcard hosts, hence a small parser.
/// </summary>
internal sealed partial record PrometheusListener(string Host, int Port)
{
    /// <summary>HttpListener's "every interface" hosts.</summary>
    public bool IsWildcard => Host is "+" or "*";

    public string Prefix => $"http://{Host}:{Port}/";

    public static bool TryParse(string? url, out PrometheusListener listener)
    {
        listener = new PrometheusListener("localhost", 0);
        var match = url is null ? Match.Empty : Pattern().Match(url);
        if (!match.Success || !int.TryParse(match.Groups["port"].Value, out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        listener = new PrometheusListener(match.Groups["host"].Value, port);
        return true;
    }

    [GeneratedRegex(@"^http://(?<host>[A-Za-z0-9.\-]+|\+|\*|\[[0-9A-Fa-f:]+\]):(?<port>\d{1,5})/?\z")]
    private static partial Regex Pattern();
}
