namespace Loans.Api.Admin;

/// <summary>A further console user: <c>Admin:Accounts:N:Username</c>, <c>:Password</c> and <c>:Role</c> (Viewer or Editor).</summary>
public sealed class AdminAccountOptions
{
    public string? Username { get; set; }

    /// <summary>At least 12 characters; a further account has no fallback to a key.</summary>
    public string? Password { get; set; }

    /// <summary>Viewer or Editor; required, so nobody becomes an editor by leaving it out.</summary>
    public string? Role { get; set; }
}

/// <summary>A further API key: <c>Admin:Keys:N:Name</c> (who the audit trail names), <c>:Key</c> and <c>:Role</c>.</summary>
public sealed class AdminKeyOptions
{
    /// <summary>Lower-case letters, digits and dashes, e.g. <c>grafana-reader</c>; recorded as who made a change.</summary>
    public string? Name { get; set; }

    /// <summary>At least 16 characters; presented as <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    public string? Key { get; set; }

    /// <summary>Viewer or Editor; required.</summary>
    public string? Role { get; set; }
}
