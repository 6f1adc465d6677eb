using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using MongoDB.Bson;

namespace Loans.Silo.Storage.MongoDb;

/// <summary>
/// Turns a grain state into ordinary BSON fields and back. Field names, enum spellings and which members are
/// stored come from <see cref="StateDocumentJson"/> (the contract System.Text.Json already applies to the SQLite
/// documents and the HTTP API), so all stores read alike; the value types come from the CLR type of each member:
/// decimal → Decimal128, DateTimeOffset/DateTime/DateOnly → BSON date, integers → int32/int64.
/// </summary>
/// <remarks>
/// Why not a BsonClassMap: the driver's class maps are process-wide static registrations that would have to
/// repeat every naming and enum rule of StateDocumentJson, and its default DateTimeOffset form is an opaque
/// array. Why not JSON text → BsonDocument: JSON has no decimal or date type, so "2000" and "2026-11-29T…"
/// would arrive as a number of unknown kind and a string. Walking the System.Text.Json contract gives both:
/// the same names and the real types.
/// A BSON date holds UTC milliseconds. When a value carries more (ticks below a millisecond, an offset other
/// than zero, a DateTime that is not UTC) the BSON date keeps the instant for people, queries and indexes, and
/// the exact text goes into <c>_exact</c> under the member's path, so reading gives back the very same value.
/// </remarks>
public static class MongoDbStateMapper
{
    /// <summary>Field holding exact texts of dates a BSON date cannot represent losslessly.</summary>
    public const string ExactField = "_exact";

    // A copy with the reflection resolver named explicitly: the mapper asks for type metadata itself, which an
    // options instance only resolves implicitly where reflection-based serialization is on by default.
    private static readonly JsonSerializerOptions Json = new(StateDocumentJson.Options)
    {
        TypeInfoResolver = StateDocumentJson.Options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>The state's members as BSON fields (plus <c>_exact</c> when needed).</summary>
    public static BsonDocument ToBson(object? state, Type type)
    {
        var exact = new BsonDocument();
        var value = state is null ? new BsonDocument() : Write(state, type, "", exact);
        if (value is not BsonDocument document)
        {
            throw new NotSupportedException($"Grain state {type} is stored as BSON fields, so it must be an object, not a {value.BsonType}.");
        }

        if (exact.ElementCount > 0)
        {
            document[ExactField] = exact;
        }

        return document;
    }

    /// <summary>Reads a state written by <see cref="ToBson"/>; fields it does not know are ignored.</summary>
    public static T FromBson<T>(BsonDocument document) => (T)FromBson(document, typeof(T))!;

    /// <inheritdoc cref="FromBson{T}(BsonDocument)"/>
    public static object? FromBson(BsonDocument document, Type type)
    {
        var exact = document.TryGetValue(ExactField, out var found) && found is BsonDocument exactDocument ? exactDocument : [];
        var node = Read(document, type, "", exact);
        return node is null
            ? Activator.CreateInstance(type)
            : node.Deserialize(type, Json) ?? Activator.CreateInstance(type);
    }

    private static BsonValue Write(object? value, Type declared, string path, BsonDocument exact)
    {
        if (value is null)
        {
            return BsonNull.Value;
        }

        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        if (type == typeof(object) || type.IsAbstract || type.IsInterface && value is not System.Collections.IEnumerable)
        {
            type = value.GetType();
        }

        switch (value)
        {
            case string text:
                return new BsonString(text);
            case bool flag:
                return BsonBoolean.Create(flag);
            case decimal number:
                return new BsonDecimal128(new Decimal128(number));
            case int or short or sbyte or byte or ushort:
                return new BsonInt32(Convert.ToInt32(value, CultureInfo.InvariantCulture));
            case long or uint:
                return new BsonInt64(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            case double number:
                return new BsonDouble(number);
            case float number:
                return new BsonDouble(number);
            case Guid id:
                return new BsonString(id.ToString("D"));
            case DateOnly date:
                return new BsonDateTime(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            case DateTimeOffset moment:
                if (moment.Offset != TimeSpan.Zero || moment.Ticks % TimeSpan.TicksPerMillisecond != 0)
                {
                    exact[path] = ExactText(value, type);
                }

                return new BsonDateTime(moment.ToUnixTimeMilliseconds());
            case DateTime moment:
                if (moment.Kind != DateTimeKind.Utc || moment.Ticks % TimeSpan.TicksPerMillisecond != 0)
                {
                    exact[path] = ExactText(value, type);
                }

                var utc = moment.Kind == DateTimeKind.Local ? moment.ToUniversalTime() : DateTime.SpecifyKind(moment, DateTimeKind.Utc);
                return new BsonDateTime(utc);
        }

        var info = Json.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                var document = new BsonDocument();
                foreach (var property in info.Properties)
                {
                    if (property.Get is null)
                    {
                        continue;
                    }

                    var member = property.Get(value);
                    if (property.ShouldSerialize is { } should && !should(value, member))
                    {
                        continue;
                    }

                    document[property.Name] = Write(member, property.PropertyType, Join(path, property.Name), exact);
                }

                return document;
            case JsonTypeInfoKind.Dictionary:
                var map = new BsonDocument();
                foreach (System.Collections.DictionaryEntry entry in (System.Collections.IDictionary)value)
                {
                    var key = KeyText(entry.Key);
                    map[key] = Write(entry.Value, info.ElementType!, Join(path, key), exact);
                }

                return map;
            case JsonTypeInfoKind.Enumerable:
                var array = new BsonArray();
                var index = 0;
                foreach (var item in (System.Collections.IEnumerable)value)
                {
                    array.Add(Write(item, info.ElementType!, Join(path, index++.ToString(CultureInfo.InvariantCulture)), exact));
                }

                return array;
            default:
                // Enums, TimeSpan, Uri and types with their own converter: take System.Text.Json's form as is.
                return FromJson(JsonSerializer.SerializeToElement(value, type, Json));
        }
    }

    private static JsonNode? Read(BsonValue value, Type declared, string path, BsonDocument exact)
    {
        if (value.IsBsonNull)
        {
            return null;
        }

        if (value is BsonDateTime && exact.TryGetValue(path, out var text))
        {
            return JsonValue.Create(text.AsString);
        }

        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        switch (value)
        {
            case BsonDecimal128 number:
                return JsonValue.Create(Decimal128.ToDecimal(number.Value));
            case BsonDateTime moment when type == typeof(DateOnly):
                return JsonValue.Create(DateOnly.FromDateTime(moment.ToUniversalTime()));
            case BsonDateTime moment when type == typeof(DateTime):
                return JsonValue.Create(moment.ToUniversalTime());
            case BsonDateTime moment:
                return JsonValue.Create(DateTimeOffset.FromUnixTimeMilliseconds(moment.MillisecondsSinceEpoch));
            case BsonDocument document when type != typeof(object):
                var info = Json.GetTypeInfo(type);
                if (info.Kind == JsonTypeInfoKind.Object)
                {
                    var node = new JsonObject();
                    foreach (var property in info.Properties)
                    {
                        if (document.TryGetValue(property.Name, out var member))
                        {
                            node[property.Name] = Read(member, property.PropertyType, Join(path, property.Name), exact);
                        }
                    }

                    return node;
                }

                if (info.Kind == JsonTypeInfoKind.Dictionary)
                {
                    var map = new JsonObject();
                    foreach (var element in document)
                    {
                        map[element.Name] = Read(element.Value, info.ElementType!, Join(path, element.Name), exact);
                    }

                    return map;
                }

                break;
            case BsonArray array when type != typeof(object):
                var items = Json.GetTypeInfo(type);
                if (items.Kind == JsonTypeInfoKind.Enumerable)
                {
                    var node = new JsonArray();
                    for (var index = 0; index < array.Count; index++)
                    {
                        node.Add(Read(array[index], items.ElementType!, Join(path, index.ToString(CultureInfo.InvariantCulture)), exact));
                    }

                    return node;
                }

                break;
        }

        return ToJson(value);
    }

    private static BsonValue FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => new BsonString(element.GetString()),
        JsonValueKind.True => BsonBoolean.True,
        JsonValueKind.False => BsonBoolean.False,
        JsonValueKind.Null or JsonValueKind.Undefined => BsonNull.Value,
        JsonValueKind.Number when element.TryGetInt32(out var small) => new BsonInt32(small),
        JsonValueKind.Number when element.TryGetInt64(out var large) => new BsonInt64(large),
        JsonValueKind.Number when element.TryGetDecimal(out var exactNumber) => new BsonDecimal128(new Decimal128(exactNumber)),
        JsonValueKind.Number => new BsonDouble(element.GetDouble()),
        JsonValueKind.Array => new BsonArray(element.EnumerateArray().Select(FromJson)),
        _ => new BsonDocument(element.EnumerateObject().Select(p => new BsonElement(p.Name, FromJson(p.Value)))),
    };

    private static JsonNode? ToJson(BsonValue value) => value switch
    {
        BsonNull or BsonUndefined => null,
        BsonString text => JsonValue.Create(text.Value),
        BsonBoolean flag => JsonValue.Create(flag.Value),
        BsonInt32 number => JsonValue.Create(number.Value),
        BsonInt64 number => JsonValue.Create(number.Value),
        BsonDouble number => JsonValue.Create(number.Value),
        BsonDecimal128 number => JsonValue.Create(Decimal128.ToDecimal(number.Value)),
        BsonDateTime moment => JsonValue.Create(DateTimeOffset.FromUnixTimeMilliseconds(moment.MillisecondsSinceEpoch)),
        BsonArray array => new JsonArray([.. array.Select(ToJson)]),
        BsonDocument document => new JsonObject(document.Select(e => KeyValuePair.Create(e.Name, ToJson(e.Value)))),
        _ => JsonValue.Create(value.ToString()),
    };

    private static string ExactText(object value, Type type) => JsonSerializer.SerializeToElement(value, type, Json).GetString()!;

    private static string KeyText(object key) => key switch
    {
        string text => text,
        Guid id => id.ToString("D"),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => key.ToString() ?? "",
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}/{name}";
}
