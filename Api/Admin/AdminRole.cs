namespace Loans.Api.Admin;

/// <summary>What a console user or an API key may do with the toggles.</summary>
public enum AdminRole
{
    /// <summary>Reads everything (toggles, history, exposure, health details), changes nothing.</summary>
    Viewer,

    /// <summary>Reads and changes: release, describe, archive and restore toggles; purge synthetic orders.</summary>
    Editor,
}

/// <summary>The role claim values of <see cref="AdminRole"/>.</summary>
public static class AdminRoles
{
    public const string Viewer = "viewer";
    public const string Editor = "editor";

    public static string ClaimOf(AdminRole role) => role == AdminRole.Editor ? Editor : Viewer;
}
