using System.ComponentModel.DataAnnotations;

namespace Loans.Silo;

/// <summary>Validates options read before the host exists, with a message naming each setting to fix.</summary>
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
