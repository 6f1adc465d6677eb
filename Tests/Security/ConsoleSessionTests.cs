using System.Diagnostics;
using Loans.Api.Admin;
using Loans.Tests.AdminConsole;

namespace Loans.Tests.Security;

/// <summary>
/// Finding 1: a console session ends on the server. Sign-out, a changed password or key, and the absolute lifetime
/// each make a stolen copy of the cookie worthless, on every API replica.
/// </summary>
[Collection(HardenedSystemCollection.Name)]
public class ConsoleSessionTests(HardenedSystemFixture fixture)
{
    private const string Toggle = "SECURITY_SESSION_PROBE";

    [Fact]
    public async Task A_stolen_cookie_stops_working_when_its_owner_signs_out()
    {
        using var victim = await SignedIn(fixture.System.ApiAddress);
        using var thief = StolenCookie.From(victim, fixture.System.ApiAddress, fixture.System.ApiAddress);
        Assert.Equal(HttpStatusCode.OK, await thief.ConsoleStatus());
        var before = await ToggleState();

        using (var signOut = await victim.Submit("/admin/sign-out", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.SeeOther, signOut.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, await thief.ConsoleStatus());
        using var flip = await thief.Submit("/admin/features", new Dictionary<string, string> { ["name"] = Toggle, ["mode"] = "on" });
        Assert.Equal(HttpStatusCode.Redirect, flip.StatusCode);
        Assert.Equal(before, await ToggleState());
    }

    [Fact]
    public async Task A_sign_out_on_one_replica_ends_the_session_on_another_within_the_cache_period()
    {
        await using var replica = await fixture.StartReplica("api-replica", new Dictionary<string, string>());
        using var victim = await SignedIn(fixture.System.ApiAddress);
        using var thief = StolenCookie.From(victim, fixture.System.ApiAddress, replica.Address);
        // The replica shares the key ring and the credentials: the cookie is good there.
        Assert.Equal(HttpStatusCode.OK, await thief.ConsoleStatus());

        using (var signOut = await victim.Submit("/admin/sign-out", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.SeeOther, signOut.StatusCode);
        }

        var clock = Stopwatch.StartNew();
        while (await thief.ConsoleStatus() == HttpStatusCode.OK)
        {
            Assert.True(clock.Elapsed < ConsoleSessions.RevocationCacheDuration + TimeSpan.FromSeconds(2), "The replica still accepts the signed-out cookie.");
            await Task.Delay(250);
        }
    }

    [Theory]
    [InlineData("Admin__Password", "a-new-console-password-456")]
    [InlineData("Admin__ApiKey", "a-new-administrator-key-456789")]
    public async Task A_changed_password_or_key_ends_every_session_with_the_same_key_ring(string setting, string newValue)
    {
        // The API restarted with the new credential and the same key ring (a replica on another port stands in for it);
        // started first, so the session is young enough for the absolute lifetime not to be what ends it.
        await using var restarted = await fixture.StartReplica("api-restarted", new Dictionary<string, string> { [setting] = newValue });
        using var victim = await SignedIn(fixture.System.ApiAddress);
        using var thief = StolenCookie.From(victim, fixture.System.ApiAddress, restarted.Address);

        Assert.Equal(HttpStatusCode.Redirect, await thief.ConsoleStatus());
        // Still good where the credentials did not change: it is the credential, not the key ring, that ended it.
        Assert.Equal(HttpStatusCode.OK, await victim.ConsoleStatus());
    }

    [Fact]
    public async Task A_session_ends_at_its_absolute_lifetime_however_active_it_is()
    {
        var started = Stopwatch.StartNew();
        using var victim = await SignedIn(fixture.System.ApiAddress);
        var lastAccepted = TimeSpan.Zero;
        while (await victim.ConsoleStatus() == HttpStatusCode.OK)
        {
            lastAccepted = started.Elapsed;
            Assert.True(lastAccepted < HardenedSystemFixture.AbsoluteLifetime + TimeSpan.FromSeconds(3), $"Still signed in after {lastAccepted}.");
            await Task.Delay(500);
        }

        // Active every half second, far inside the 30-minute sliding timeout: only the absolute lifetime ended it.
        var refusedAt = started.Elapsed;
        Assert.InRange(refusedAt, HardenedSystemFixture.AbsoluteLifetime, HardenedSystemFixture.AbsoluteLifetime + TimeSpan.FromSeconds(3));
        Assert.True(lastAccepted > HardenedSystemFixture.AbsoluteLifetime - TimeSpan.FromSeconds(2), $"Refused early: last accepted at {lastAccepted}.");
    }

    private static async Task<ConsoleClient> SignedIn(Uri address)
    {
        var client = new ConsoleClient(address);
        using var response = await client.SignIn(HardenedSystemFixture.Username, HardenedSystemFixture.Password);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        await client.Page("/admin/features");
        return client;
    }

    private async Task<string> ToggleState()
    {
        using var admin = new HttpClient { BaseAddress = fixture.System.ApiAddress };
        AdminCredentials.Authorize(admin);
        return await admin.GetStringAsync($"/features/{Toggle}");
    }
}
