using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Loans.Grains.Interfaces.Admin;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Loans.Api.Admin;

/// <summary>
/// The server-side check of a console cookie on every request: it must carry the current credentials' stamp,
/// be younger than <c>Admin:SessionAbsoluteLifetime</c>, and have begun after the user's last sign-out, which
/// the <see cref="IAdminSessionsGrain"/> keeps for every API replica.
/// </summary>
public sealed partial class ConsoleSessions(
    AdminCredential credential,
    AdminOptions options,
    IClusterClient cluster,
    TimeProvider clock,
    ILogger<ConsoleSessions> logger)
{
    public const string StampClaim = "loans:session-stamp";
    public const string SignedInAtClaim = "loans:signed-in-at";

    /// <summary>How long a replica trusts what it last read of a user's sign-out; the replica that signs out knows at once.</summary>
    public static readonly TimeSpan RevocationCacheDuration = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (DateTimeOffset? ValidAfter, DateTimeOffset ReadAt)> validAfter = new(StringComparer.Ordinal);

    /// <summary>The claims that tie a new session to the credentials and the moment of its sign-in.</summary>
    public IEnumerable<Claim> NewSessionClaims(string user) =>
    [
        new(StampClaim, credential.SessionStampOf(user) ?? throw new InvalidOperationException($"'{user}' is not a console user.")),
        new(SignedInAtClaim, clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)),
    ];

    /// <summary>Ends every session of the user, on every replica (this one at once, the others within <see cref="RevocationCacheDuration"/>).</summary>
    public async Task EndAll(string user)
    {
        var after = await cluster.GetGrain<IAdminSessionsGrain>(user).EndAll();
        validAfter[user] = (after, clock.GetUtcNow());
    }

    public async Task Validate(CookieValidatePrincipalContext context)
    {
        var reason = await Invalid(context.Principal);
        if (reason is null)
        {
            return;
        }

        LogSessionRejected(logger, reason);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(AdminAccessExtensions.ConsoleCookieScheme);
    }

    private async Task<string?> Invalid(ClaimsPrincipal? principal)
    {
        var user = principal?.Identity?.Name;
        // The stamp covers the user's password and role: a changed password, a changed role or a removed user ends the session.
        if (user is null || credential.SessionStampOf(user) is not { } stamp || principal!.FindFirst(StampClaim)?.Value != stamp)
        {
            return "issued under other credentials";
        }

        if (!DateTimeOffset.TryParseExact(principal.FindFirst(SignedInAtClaim)?.Value, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var signedInAt))
        {
            return "no sign-in time";
        }

        var now = clock.GetUtcNow();
        if (now - signedInAt >= options.SessionAbsoluteLifetime)
        {
            return "past Admin:SessionAbsoluteLifetime";
        }

        return await ValidAfter(user, now) is { } after && signedInAt <= after ? "signed out" : null;
    }

    private async Task<DateTimeOffset?> ValidAfter(string user, DateTimeOffset now)
    {
        if (validAfter.TryGetValue(user, out var cached) && now - cached.ReadAt < RevocationCacheDuration)
        {
            return cached.ValidAfter;
        }

        var read = await cluster.GetGrain<IAdminSessionsGrain>(user).ValidAfter();
        validAfter[user] = (read, now);
        return read;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin console session refused: {Reason}")]
    private static partial void LogSessionRejected(ILogger logger, string reason);
}
