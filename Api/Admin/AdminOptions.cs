namespace Loans.Api.Admin;

/// <summary>The administrator credential that guards the toggles. Section <c>Admin</c>.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>
    /// The key a JSON client presents as <c>Authorization: Bearer &lt;key&gt;</c>. Required outside Development;
    /// in Development a random one is generated and logged once when none is configured.
    /// </summary>
    public string? ApiKey { get; set; }
}
