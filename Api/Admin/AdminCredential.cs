using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Loans.Api.Admin;

/// <summary>The administrator key and console sign-in in force, and whether the key was generated for a Development run.</summary>
public sealed class AdminCredential
{
    public const int MinimumLength = 16;
    public const int MinimumPasswordLength = 12;

    private readonly string? password;

    private AdminCredential(string apiKey, bool generated, string username, string? password)
    {
        ApiKey = apiKey;
        Generated = generated;
        Username = username;
        this.password = password;
        SessionStamp = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"loans-admin-session\n{username}\n{password}\n{apiKey}")));
    }

    public bool Generated { get; }

    /// <summary>The console user name; recorded as "who changed it" for changes made in the console.</summary>
    public string Username { get; }

    /// <summary>Whether the console accepts the API key as its password (no <c>Admin:Password</c> configured).</summary>
    public bool PasswordIsApiKey => password is null;

    internal string ApiKey { get; }

    /// <summary>
    /// Changes whenever the user name, password or key changes: a console cookie carries the stamp it was issued
    /// under, so changing a credential ends every session. A hash, and the cookie is encrypted: it reveals neither.
    /// </summary>
    internal string SessionStamp { get; }

    /// <summary>Compares in constant time, so response timing does not leak how much of a guess was right.</summary>
    public bool Matches(string presented) => SameSecret(presented, ApiKey);

    /// <summary>Checks both fields, always both, in constant time: timing tells neither which field nor how much was wrong.</summary>
    public bool MatchesSignIn(string presentedUsername, string presentedPassword) =>
        SameSecret(presentedUsername, Username) & SameSecret(presentedPassword, password ?? ApiKey);

    public static AdminCredential From(AdminOptions options, bool development)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Username))
        {
            failures.Add($"{AdminOptions.SectionName}:Username must not be empty (default \"admin\").");
        }

        if (!string.IsNullOrEmpty(options.Password) && options.Password.Length < MinimumPasswordLength)
        {
            failures.Add($"{AdminOptions.SectionName}:Password must be at least {MinimumPasswordLength} characters (or empty, to sign in with Admin:ApiKey).");
        }

        if (options.SessionTimeout < TimeSpan.FromMinutes(1) || options.SessionTimeout > TimeSpan.FromDays(1))
        {
            failures.Add($"{AdminOptions.SectionName}:SessionTimeout must be between 00:01:00 and 1.00:00:00 (was {options.SessionTimeout}).");
        }

        if (options.SessionAbsoluteLifetime < TimeSpan.FromSeconds(10) || options.SessionAbsoluteLifetime > TimeSpan.FromDays(7))
        {
            failures.Add($"{AdminOptions.SectionName}:SessionAbsoluteLifetime must be between 00:00:10 and 7.00:00:00 (was {options.SessionAbsoluteLifetime}).");
        }

        if (options.MaxFormBytes is < 1024 or > 1024 * 1024)
        {
            failures.Add($"{AdminOptions.SectionName}:MaxFormBytes must be between 1024 and 1048576 (was {options.MaxFormBytes}).");
        }

        if (options.SignInAttemptsPerMinute is < 1 or > 1000)
        {
            failures.Add($"{AdminOptions.SectionName}:SignInAttemptsPerMinute must be between 1 and 1000 (was {options.SignInAttemptsPerMinute}).");
        }

        if (!string.IsNullOrEmpty(options.ApiKey) && options.ApiKey.Length < MinimumLength)
        {
            failures.Add($"{AdminOptions.SectionName}:ApiKey must be at least {MinimumLength} characters.");
        }

        if (string.IsNullOrEmpty(options.ApiKey) && !development)
        {
            failures.Add($"{AdminOptions.SectionName}:ApiKey is not set: the toggles and the admin console would be open to anyone. "
                + $"Set Admin__ApiKey (at least {MinimumLength} characters); optionally Admin__Password for the console.");
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(AdminOptions.SectionName, typeof(AdminOptions), failures);
        }

        var password = string.IsNullOrEmpty(options.Password) ? null : options.Password;
        return string.IsNullOrEmpty(options.ApiKey)
            ? new AdminCredential(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_'), generated: true, options.Username, password)
            : new AdminCredential(options.ApiKey, generated: false, options.Username, password);
    }

    /// <summary>Hashes first so that even the lengths compare in constant time.</summary>
    private static bool SameSecret(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
