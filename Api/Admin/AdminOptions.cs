namespace Loans.Api.Admin;

/// <summary>The credentials that guard the toggles and the admin console, with a role each. Section <c>Admin</c>.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>
    /// The key a JSON client presents as <c>Authorization: Bearer &lt;key&gt;</c>. Required outside Development;
    /// in Development a random one is generated and logged once when none is configured.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The user name that signs in to the admin console at <c>/admin/sign-in</c>.</summary>
    public string Username { get; set; } = "admin";

    /// <summary>
    /// The console password. When empty, the console accepts <see cref="ApiKey"/> as the password, so a deployment
    /// has one secret to manage; set it to give people a credential of their own that JSON clients do not share.
    /// </summary>
    public string? Password { get; set; }

    /// <summary>How long a console sign-in lasts without activity; every request renews it (sliding expiry).</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a console session lasts at most from its sign-in, however active: sliding expiry alone would let a
    /// stolen cookie live for ever.
    /// </summary>
    public TimeSpan SessionAbsoluteLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The largest console form post accepted (bytes), checked before the body is read.</summary>
    public int MaxFormBytes { get; set; } = 16 * 1024;

    /// <summary>Sign-in attempts accepted per minute from one client address; more are answered 429.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// Console users besides <see cref="Username"/> (who is an editor), each with a role: a viewer reads everything
    /// and changes nothing.
    /// </summary>
    public List<AdminAccountOptions> Accounts { get; set; } = [];

    /// <summary>API keys besides <see cref="ApiKey"/> (which is an editor's), each with a name and a role.</summary>
    public List<AdminKeyOptions> Keys { get; set; } = [];
}
