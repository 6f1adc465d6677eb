namespace Loans.Grains.Interfaces.Admin;

/// <summary>
/// The server-side half of one administrator's console sessions, keyed by user name: the moment before which
/// every session of that user is void. Kept in a grain so that a sign-out on one API replica ends the session
/// on all of them, and persisted so that it survives restarts of the cluster.
/// </summary>
[Alias("Loans.IAdminSessionsGrain")]
public interface IAdminSessionsGrain : IGrainWithStringKey
{
    /// <summary>Sessions that began at or before this moment are void; null while the user has never signed out.</summary>
    [Alias("ValidAfter"), ReadOnly]
    Task<DateTimeOffset?> ValidAfter();

    /// <summary>Ends every session of the user that began until now, and returns the new <see cref="ValidAfter"/>.</summary>
    [Alias("EndAll")]
    Task<DateTimeOffset> EndAll();
}
