namespace Loans.Silo.Dashboard;

/// <summary>
/// Who may open the Orleans Dashboard. Section <c>Dashboard</c>. Outside Development both settings are
/// required and the dashboard asks for them with HTTP basic authentication (use it behind TLS).
/// </summary>
public sealed class DashboardAccessOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Where the dashboard is served on the silo's HTTP endpoint (<c>Urls</c>).</summary>
    public const string Path = "/dashboard";

    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool HasCredentials => !string.IsNullOrWhiteSpace(Username) && !string.IsNullOrWhiteSpace(Password);
}
