namespace Loans.Tests.AdminConsole;

/// <summary>Guessing passwords is slowed down: sign-in posts beyond the limit per minute are refused.</summary>
public sealed class SignInRateLimitTests : IAsyncLifetime
{
    private const int Limit = 3;

    private LoansSystem system = null!;

    public async Task InitializeAsync() => system = await LoansSystem.Start(new Dictionary<string, string>(AdminCredentials.Settings)
    {
        ["Admin__SignInAttemptsPerMinute"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public async Task DisposeAsync() => await system.DisposeAsync();

    [Fact]
    public async Task The_api_key_signs_in_until_the_limit_is_used_up_then_every_attempt_is_429()
    {
        using var first = new ConsoleClient(system.ApiAddress);
        using var signedIn = await first.SignIn("admin", AdminCredentials.ApiKey);
        var wrong = new List<HttpStatusCode>();
        for (var i = 1; i < Limit; i++)
        {
            using var guesser = new ConsoleClient(system.ApiAddress);
            using var response = await guesser.SignIn("admin", $"guess-number-{i}");
            wrong.Add(response.StatusCode);
        }

        using var late = new ConsoleClient(system.ApiAddress);
        using var refused = await late.SignIn("admin", AdminCredentials.ApiKey);

        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.All(wrong, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        await Problem.Assert(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
    }
}
