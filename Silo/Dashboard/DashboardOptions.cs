namespace Loans.Silo.Dashboard;

/// <summary>
/// The Orleans Dashboard: whether the silo runs it, and who may open it. Section <c>Dashboard</c>. Outside
/// Development the credentials are required while it is enabled, and the dashboard asks for them with HTTP
/// basic authentication (use it behind TLS).
/// </summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Where the dashboard is served on the silo's HTTP endpoint (<c>Urls</c>).</summary>
    public const string Path = "/dashboard";

    /// <summary>
    /// Off, the silo neither collects the dashboard's statistics (a second recording of every Orleans
    /// measurement, ~20 MiB of RSS idle) nor, once someone has opened the dashboard, holds its web assets (another
    /// ~60 MiB; they are read on its first request, docs/performance.md). Prometheus and
    /// Grafana still see the cluster. Switch it the same way on every silo: the dashboard shows only the
    /// silos that run it.
    /// </summary>
    public bool Enabled { get; set; } = true;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool HasCredentials => !string.IsNullOrWhiteSpace(Username) && !string.IsNullOrWhiteSpace(Password);
}
