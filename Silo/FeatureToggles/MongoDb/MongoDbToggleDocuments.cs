using System.Globalization;
using Loans.Grains.Features;
using Loans.Grains.Interfaces.Features;
using MongoDB.Bson;

namespace Loans.Silo.FeatureToggles.MongoDb;

/// <summary>
/// The documents of the MongoDB toggle store, readable and editable in mongosh: one per toggle, keyed by its name
/// (<c>{ _id: "NEW_VERIFICATION", mode: "PERCENTAGE", percentage: 10, active_from: ISODate(...), archived: false,
/// description: "...", owner: "...", ... }</c>), and one per change in the audit trail. <c>archived: true</c> keeps the
/// mode and window for a restore while the toggle evaluates as off. Instants are BSON dates, which keep milliseconds: the store cuts the time of a
/// change to milliseconds, so the toggle it returns equals the one read back.
/// </summary>
internal static class MongoDbToggleDocuments
{
    public const string Id = "_id";
    public const string Mode = "mode";
    public const string Percentage = "percentage";
    public const string ActiveFrom = "active_from";
    public const string ActiveUntil = "active_until";
    public const string UpdatedAt = "updated_at";
    public const string UpdatedBy = "updated_by";
    public const string Revision = "revision";
    public const string PreviousState = "previous_state";
    public const string Description = "description";
    public const string Owner = "owner";
    public const string CreatedAt = "created_at";
    public const string Archived = "archived";
    public const string LastEvaluatedAt = "last_evaluated_at";

    public const string Name = "name";
    public const string OldState = "old_state";
    public const string NewState = "new_state";
    public const string ChangedAt = "changed_at";
    public const string ChangedBy = "changed_by";
    public const string Reason = "reason";

    /// <summary>A toggle the code knows, as it is stored before anyone changes it: off, revision 0, no author, created now.</summary>
    public static BsonDocument Seed(string name, DateTimeOffset now) =>
        Toggle(new FeatureToggle(name, FeatureToggleMode.Off, 0, UpdatedAt: null, UpdatedBy: null, CreatedAt: ToBsonPrecision(now)));

    public static BsonDocument Toggle(FeatureToggle toggle) => new()
    {
        { Id, toggle.Name },
        { Mode, toggle.Mode.ToString().ToUpperInvariant() },
        { Percentage, toggle.Percentage },
        { ActiveFrom, Date(toggle.ActiveFrom) },
        { ActiveUntil, Date(toggle.ActiveUntil) },
        { UpdatedAt, Date(toggle.UpdatedAt) },
        { UpdatedBy, Text(toggle.UpdatedBy) },
        { Revision, new BsonInt64(toggle.Revision) },
        { PreviousState, Text(toggle.PreviousState) },
        { Description, Text(toggle.Description) },
        { Owner, Text(toggle.Owner) },
        { CreatedAt, Date(toggle.CreatedAt) },
        { Archived, toggle.Archived },
        { LastEvaluatedAt, Date(toggle.LastEvaluatedAt) },
    };

    /// <summary>
    /// Reads a toggle document, also one a person edited by hand: the mode in any case (unknown: OFF), numbers of any
    /// BSON number type, instants as dates or ISO 8601 text, archived as a boolean or 0/1, missing fields as a
    /// never-changed toggle has them.
    /// </summary>
    public static FeatureToggle ReadToggle(BsonDocument document)
    {
        var mode = document.TryGetValue(Mode, out var stored) && stored.IsString
            && Enum.TryParse<FeatureToggleMode>(stored.AsString, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : FeatureToggleMode.Off;
        var off = mode == FeatureToggleMode.Off;
        return new FeatureToggle(
            document[Id].AsString,
            mode,
            mode switch
            {
                FeatureToggleMode.On => 100,
                FeatureToggleMode.Percentage => Math.Clamp(Number(document, Percentage), 0, 100),
                _ => 0,
            },
            ReadDate(document, UpdatedAt),
            ReadText(document, UpdatedBy),
            document.TryGetValue(Revision, out var revision) && revision.IsNumeric ? revision.ToInt64() : 0,
            ReadText(document, PreviousState),
            ReadText(document, Description),
            ReadText(document, Owner),
            ReadDate(document, CreatedAt),
            document.TryGetValue(Archived, out var archived) && (archived.IsBoolean ? archived.AsBoolean : archived.IsNumeric && archived.ToDouble() == 1),
            ReadDate(document, LastEvaluatedAt),
            off ? null : FeatureToggleWindow.Normalize(ReadDate(document, ActiveFrom)),
            off ? null : FeatureToggleWindow.Normalize(ReadDate(document, ActiveUntil)));
    }

    /// <summary>
    /// The audit record of a step from <paramref name="old"/> (null when the step created the toggle) to
    /// <paramref name="saved"/>, spelt by <see cref="FeatureToggleChanges.AuditStates"/>: the states for a release
    /// change, an archive or a restore; the fields for a description or owner edit (which keeps the revision).
    /// </summary>
    public static BsonDocument Change(FeatureToggle? old, FeatureToggle saved, string? reason)
    {
        var (oldState, newState) = FeatureToggleChanges.AuditStates(old, saved);
        return new BsonDocument
        {
            { Id, ObjectId.GenerateNewId() },
            { Name, saved.Name },
            { Revision, new BsonInt64(saved.Revision) },
            { OldState, Text(oldState) },
            { NewState, newState },
            { ChangedAt, Date(saved.UpdatedAt) },
            { ChangedBy, Text(saved.UpdatedBy) },
            { Reason, Text(reason) },
        };
    }

    public static FeatureToggleChangeRecord ReadChange(BsonDocument document) => new(
        document[Name].AsString,
        ReadText(document, OldState),
        ReadText(document, NewState) ?? "OFF",
        ReadDate(document, ChangedAt) ?? DateTimeOffset.UnixEpoch,
        ReadText(document, ChangedBy) ?? "unknown",
        ReadText(document, Reason));

    /// <summary>An instant as a BSON date keeps it: milliseconds in UTC.</summary>
    public static DateTimeOffset ToBsonPrecision(DateTimeOffset instant) =>
        DateTimeOffset.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds());

    private static BsonValue Date(DateTimeOffset? instant) =>
        instant is { } value ? new BsonDateTime(value.ToUnixTimeMilliseconds()) : BsonNull.Value;

    private static BsonValue Text(string? text) => text is null ? BsonNull.Value : new BsonString(text);

    private static int Number(BsonDocument document, string field) =>
        document.TryGetValue(field, out var value) && value.IsNumeric ? (int)Math.Clamp(value.ToDouble(), int.MinValue, int.MaxValue) : 0;

    private static string? ReadText(BsonDocument document, string field) =>
        document.TryGetValue(field, out var value) && value.IsString ? value.AsString : null;

    private static DateTimeOffset? ReadDate(BsonDocument document, string field) =>
        !document.TryGetValue(field, out var value) ? null
        : value is BsonDateTime date ? DateTimeOffset.FromUnixTimeMilliseconds(date.MillisecondsSinceEpoch)
        : value.IsString ? DateTimeOffset.Parse(value.AsString, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
        : null;
}
