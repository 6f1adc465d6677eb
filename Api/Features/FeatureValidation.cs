using System.Text.RegularExpressions;
using Loans.Api.Http;

namespace Loans.Api.Features;

/// <summary>The rules for what a client may send about a toggle, shared by the JSON API and the console.</summary>
public static partial class FeatureValidation
{
    public const int MaxReasonLength = 500;
    public const int MaxDescriptionLength = 500;
    public const int MaxOwnerLength = 100;

    public const string NameRule = "A toggle name is 1 to 64 upper-case letters, digits and underscores, starting with a letter, e.g. NEW_VERIFICATION.";

    internal static FeatureToggleChange? ToChange(SetFeatureToggleRequest request, string changedBy) =>
        ChangeErrors(request).Count > 0 ? null
        : request.Mode is { } mode ? new FeatureToggleChange(mode, request.Percentage ?? 0, changedBy, request.Reason, request.Description?.Trim(), request.Owner?.Trim(),
            request.ActiveFrom, request.ActiveUntil)
        : new FeatureToggleChange(request.Enabled!.Value ? FeatureToggleMode.On : FeatureToggleMode.Off, request.Enabled.Value ? 100 : 0, changedBy, request.Reason,
            request.Description?.Trim(), request.Owner?.Trim(), request.ActiveFrom, request.ActiveUntil);

    internal static Dictionary<string, string[]> ChangeErrors(SetFeatureToggleRequest request)
    {
        var errors = EditErrors(request.Description, request.Owner, request.Reason);
        if (request.Enabled is null && request.Mode is null)
        {
            errors["enabled"] = ["Is required: true or false (or give mode: OFF, ON, SHADOW or PERCENTAGE)."];
        }
        else if (request.Enabled is { } enabled && request.Mode is { } mode && enabled != (mode == FeatureToggleMode.On))
        {
            errors["mode"] = ["Contradicts enabled; send one of them."];
        }

        if (request.Mode == FeatureToggleMode.Percentage && request.Percentage is not (>= 0 and <= 100))
        {
            errors["percentage"] = ["Is required with mode PERCENTAGE: a whole number from 0 to 100."];
        }
        else if (request.Mode != FeatureToggleMode.Percentage && request.Percentage is not null)
        {
            errors["percentage"] = ["Only goes with mode PERCENTAGE."];
        }

        WindowErrors(errors, request.Mode == FeatureToggleMode.Off || (request.Mode is null && request.Enabled == false), request.ActiveFrom, request.ActiveUntil);
        return errors;
    }

    /// <summary>A window goes with a mode that can be active, and ends at least a second (its precision) after it starts.</summary>
    internal static void WindowErrors(Dictionary<string, string[]> errors, bool off, DateTimeOffset? activeFrom, DateTimeOffset? activeUntil)
    {
        if (off && (activeFrom is not null || activeUntil is not null))
        {
            errors[activeFrom is not null ? "active_from" : "active_until"] = ["A time window only goes with ON, SHADOW or PERCENTAGE: an OFF toggle is off at any time."];
        }
        else if (FeatureToggleWindow.Normalize(activeFrom) is { } from && FeatureToggleWindow.Normalize(activeUntil) is { } until && from >= until)
        {
            errors["active_until"] = ["Must be at least one second after active_from."];
        }
    }

    /// <summary>Description, owner and reason: bounded, and free of bidirectional controls (encoded HTML still obeys them).</summary>
    internal static Dictionary<string, string[]> EditErrors(string? description, string? owner, string? reason)
    {
        var errors = new Dictionary<string, string[]>();
        Text(errors, "reason", reason, MaxReasonLength);
        Text(errors, "description", description, MaxDescriptionLength);
        Text(errors, "owner", owner, MaxOwnerLength);
        return errors;
    }

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (value is { } text && text.Length > maxLength)
        {
            errors[field] = [$"At most {maxLength} characters."];
        }
        else if (value is { } shown && shown.Any(IsBidiControl))
        {
            // Encoded HTML still displays them: an override would show the audit trail's text reversed or reordered.
            errors[field] = ["Must not contain bidirectional control characters (U+202A to U+202E, U+2066 to U+2069)."];
        }
    }

    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    internal static bool IsToggleName(string name) => ToggleName().IsMatch(name);

    internal static ProblemHttpResult? InvalidName(string name) => IsToggleName(name) ? null : Problems.Invalid("name", NameRule);

    // \z, not $: $ also matches before a final newline, which let "NEW_VERIFICATION\n" through as a look-alike.
    [GeneratedRegex(@"^[A-Z][A-Z0-9_]{0,63}\z")]
    private static partial Regex ToggleName();
}
