using System.Security.Cryptography;
using System.Text;

namespace Loans.Api.Admin;

/// <summary>The administrator key in force, and whether it was generated for a Development run.</summary>
public sealed class AdminCredential(string apiKey, bool generated)
{
    public const int MinimumLength = 16;

    public bool Generated { get; } = generated;

    internal string ApiKey { get; } = apiKey;

    /// <summary>Compares in constant time, so response timing does not leak how much of a guess was right.</summary>
    public bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(ApiKey));

    public static AdminCredential From(AdminOptions options, bool development)
    {
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            return options.ApiKey.Length >= MinimumLength
                ? new AdminCredential(options.ApiKey, generated: false)
                : throw new Microsoft.Extensions.Options.OptionsValidationException(AdminOptions.SectionName, typeof(AdminOptions),
                    [$"{AdminOptions.SectionName}:ApiKey must be at least {MinimumLength} characters."]);
        }

        return development
            ? new AdminCredential(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_'), generated: true)
            : throw new Microsoft.Extensions.Options.OptionsValidationException(AdminOptions.SectionName, typeof(AdminOptions),
                [$"{AdminOptions.SectionName}:ApiKey is not set: the toggles would be open to anyone. Set Admin__ApiKey (at least {MinimumLength} characters)."]);
    }
}
