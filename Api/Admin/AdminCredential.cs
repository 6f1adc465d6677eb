using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Loans.Api.Admin;

/// <summary>
/// The credentials in force: the administrator key and console sign-in (an editor's, as before roles existed),
/// further console accounts and API keys with a role each, and whether the key was generated for a Development run.
/// </summary>
public sealed partial class AdminCredential
{
    public const int MinimumLength = 16;
    public const int MinimumPasswordLength = 12;

    /// <summary>Who a change made with <see cref="ApiKey"/> is recorded as.</summary>
    public const string ApiKeyUser = "admin-api-key";

    private readonly string? password;
    private readonly IReadOnlyList<Account> accounts;
    private readonly IReadOnlyList<Key> keys;

    private AdminCredential(string apiKey, bool generated, string username, string? password, IReadOnlyList<Account> extraAccounts, IReadOnlyList<Key> extraKeys)
    {
        ApiKey = apiKey;
        Generated = generated;
        Username = username;
        this.password = password;
        SessionStamp = Stamp($"loans-admin-session\n{username}\n{password}\n{apiKey}");
        accounts = [new Account(username, password ?? apiKey, AdminRole.Editor, SessionStamp), .. extraAccounts];
        keys = [new Key(ApiKeyUser, apiKey, AdminRole.Editor), .. extraKeys];
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

    /// <summary>The key's name and role, or null. Compares with every key in constant time, so timing leaks nothing.</summary>
    public (string Name, AdminRole Role)? Authenticate(string presented)
    {
        (string, AdminRole)? found = null;
        foreach (var key in keys)
        {
            if (SameSecret(presented, key.Secret))
            {
                found = (key.Name, key.Role);
            }
        }

        return found;
    }

    /// <summary>Checks both fields of every account, always all of them, in constant time: timing tells nothing.</summary>
    public AdminRole? SignIn(string presentedUsername, string presentedPassword)
    {
        AdminRole? role = null;
        foreach (var account in accounts)
        {
            if (SameSecret(presentedUsername, account.Username) & SameSecret(presentedPassword, account.Password))
            {
                role = account.Role;
            }
        }

        return role;
    }

    public bool MatchesSignIn(string presentedUsername, string presentedPassword) => SignIn(presentedUsername, presentedPassword) is not null;

    /// <summary>The stamp a session of the user must carry; null for a user no longer configured.</summary>
    internal string? SessionStampOf(string username) => accounts.FirstOrDefault(a => a.Username == username)?.Stamp;

    /// <summary>The role the user signs in with now; a session issued under another role is ended by its stamp.</summary>
    internal AdminRole? RoleOf(string username) => accounts.FirstOrDefault(a => a.Username == username)?.Role;

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

        var extraAccounts = Accounts(options, failures);
        var extraKeys = Keys(options, failures);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(AdminOptions.SectionName, typeof(AdminOptions), failures);
        }

        var password = string.IsNullOrEmpty(options.Password) ? null : options.Password;
        return string.IsNullOrEmpty(options.ApiKey)
            ? new AdminCredential(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_'), generated: true, options.Username, password, extraAccounts, extraKeys)
            : new AdminCredential(options.ApiKey, generated: false, options.Username, password, extraAccounts, extraKeys);
    }

    private static List<Account> Accounts(AdminOptions options, List<string> failures)
    {
        var accounts = new List<Account>();
        var names = new HashSet<string>(StringComparer.Ordinal) { options.Username };
        for (var i = 0; i < options.Accounts.Count; i++)
        {
            var account = options.Accounts[i];
            var setting = $"{AdminOptions.SectionName}:Accounts:{i}";
            var role = Role(account.Role, $"{setting}:Role", failures);
            if (string.IsNullOrWhiteSpace(account.Username))
            {
                failures.Add($"{setting}:Username must not be empty.");
            }
            else if (!names.Add(account.Username))
            {
                failures.Add($"{setting}:Username '{account.Username}' is already a console user; each user name signs in with one role.");
            }

            if (account.Password is not { Length: >= MinimumPasswordLength })
            {
                failures.Add($"{setting}:Password must be at least {MinimumPasswordLength} characters.");
            }

            if (role is { } valid && !string.IsNullOrWhiteSpace(account.Username) && account.Password is { Length: >= MinimumPasswordLength })
            {
                accounts.Add(new Account(account.Username, account.Password, valid, Stamp($"loans-admin-session\n{account.Username}\n{account.Password}\n{valid}")));
            }
        }

        return accounts;
    }

    private static List<Key> Keys(AdminOptions options, List<string> failures)
    {
        var keys = new List<Key>();
        var names = new HashSet<string>(StringComparer.Ordinal) { ApiKeyUser };
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            secrets.Add(options.ApiKey);
        }

        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            var setting = $"{AdminOptions.SectionName}:Keys:{i}";
            var role = Role(key.Role, $"{setting}:Role", failures);
            if (key.Name is null || !KeyName().IsMatch(key.Name))
            {
                failures.Add($"{setting}:Name must be 1 to 64 lower-case letters, digits and dashes, e.g. grafana-reader (was '{key.Name}').");
            }
            else if (!names.Add(key.Name))
            {
                failures.Add($"{setting}:Name '{key.Name}' is already taken; the audit trail must tell keys apart.");
            }

            if (key.Key is not { Length: >= MinimumLength })
            {
                failures.Add($"{setting}:Key must be at least {MinimumLength} characters.");
            }
            else if (!secrets.Add(key.Key))
            {
                failures.Add($"{setting}:Key is the same as another key; one key must mean one name and one role.");
            }

            if (role is { } valid && key.Name is not null && KeyName().IsMatch(key.Name) && key.Key is { Length: >= MinimumLength })
            {
                keys.Add(new Key(key.Name, key.Key, valid));
            }
        }

        return keys;
    }

    private static AdminRole? Role(string? value, string setting, List<string> failures)
    {
        if (Enum.TryParse<AdminRole>(value, ignoreCase: true, out var role) && Enum.IsDefined(role) && !int.TryParse(value, out _))
        {
            return role;
        }

        failures.Add($"{setting} must be Viewer or Editor (was '{value}').");
        return null;
    }

    private static string Stamp(string material) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(material)));

    /// <summary>Hashes first so that even the lengths compare in constant time.</summary>
    private static bool SameSecret(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,63}\z")]
    private static partial Regex KeyName();

    private sealed record Account(string Username, string Password, AdminRole Role, string Stamp);

    private sealed record Key(string Name, string Secret, AdminRole Role);
}
