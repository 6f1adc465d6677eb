using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Loans.Hosting;

/// <summary>Validates options read before the host exists, with a message naming each setting to fix. Used by the silo and the API.</summary>
internal static class OptionsValidation
{
    public static void ThrowIfInvalid<T>(T options, string section) where T : class
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new OptionsValidationException(section, typeof(T),
                results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }
    }
}
