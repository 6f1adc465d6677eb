using System.Text;
using System.Text.Json.Nodes;

namespace Loans.Tests.Fuzz;

/// <summary>
/// A deterministic corpus of malformed requests: mutated and truncated JSON, deep nesting, wrong types, huge
/// numbers, invalid UTF-8, bad GUIDs, wrong content types, bodies over the limit and bad idempotency keys.
/// Mutations that happen to be valid orders are dropped (checked with the API's own parser and validator),
/// so that none of these may store an order.
/// </summary>
public static class MalformedCorpus
{
    public const int Seed = 20261128;

    private static readonly string[] Fields =
        ["customer", "customer.uuid", "customer.person", "customer.person.name", "customer.person.surname", "customer.person.national_id_number",
         "customer.person.gender", "customer.person.date_of_birth", "customer.person.status", "amount", "interest_rate", "commission", "promotions", "uuid"];

    private static readonly JsonNode?[] WrongValues =
        [null, 0, -1, 1.5, true, false, "", "x", "2000", "NaN", new JsonArray(), new JsonObject(), new JsonArray(1, 2), new JsonObject { ["a"] = 1 }];

    private static readonly string[] BadGuids =
        ["", "0", "33d2f13c", "33d2f13c-6d96-4883-9871-1e158ced00f", "33d2f13c-6d96-4883-9871-1e158ced00f2x", "{33d2f13c-6d96-4883-9871}", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "null", "00000000-0000-0000-0000-00000000000g", "33d2f13c_6d96_4883_9871_1e158ced00f2"];

    private static readonly string[] BadContentTypes =
        ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1", "application/jsonx", "json", "*/*", "application/octet-stream", "text/json; charset=utf-16"];

    private static readonly string[] BadKeys = ["", " ", "\"\"", "a b", "a  b c", new string('k', 256)];

    public static IReadOnlyList<MalformedRequest> Generate(string sampleOrder, int count = 10_000)
    {
        var random = new Random(Seed);
        var mutator = new Mutator(Seed);
        var sample = Encoding.UTF8.GetBytes(sampleOrder);
        var seeds = new List<byte[]> { sample };
        var requests = new List<MalformedRequest>(count);
        var makers = new Func<MalformedRequest?>[]
        {
            () => Post("mutated JSON", mutator.Mutate(sample, seeds)),
            () => Post("truncated JSON", sample[..random.Next(sample.Length)]),
            () => Post("deep nesting", DeepNesting(random)),
            () => Post("wrong type", Edit(sampleOrder, random, _ => WrongValues[random.Next(WrongValues.Length)]?.DeepClone())),
            () => Post("huge number", HugeNumber(sampleOrder, random)),
            () => Post("invalid UTF-8", InvalidUtf8(sample, random)),
            () => Post("bad GUID", Edit(sampleOrder, random, _ => BadGuids[random.Next(BadGuids.Length)], random.Next(2) == 0 ? "customer.uuid" : "uuid")),
            () => new MalformedRequest("bad GUID in the path", HttpMethod.Get, $"/orders/{Uri.EscapeDataString(BadGuids[random.Next(1, BadGuids.Length)])}", null, null, []),
            () => new MalformedRequest("wrong content type", HttpMethod.Post, "/orders", sample, BadContentTypes[random.Next(BadContentTypes.Length)], []),
            () => Post("body over the limit", OverLimit(sampleOrder, random)),
            () => new MalformedRequest("bad idempotency key", HttpMethod.Post, "/orders", sample, "application/json", BadKey(random)),
        };

        while (requests.Count < count)
        {
            var request = makers[requests.Count % makers.Length]();
            if (request is null || (request.Method == HttpMethod.Post && request.IdempotencyKeys.Count == 0 && request.ContentType == "application/json" && AcceptedByTheApi(request.Body!)))
            {
                continue;
            }

            requests.Add(request);
        }

        return requests;
    }

    private static MalformedRequest Post(string kind, byte[] body) => new(kind, HttpMethod.Post, "/orders", body, "application/json", []);

    private static bool AcceptedByTheApi(byte[] body)
    {
        try
        {
            return ParsingOracle.Accepts(body);
        }
        catch (Exception)
        {
            // A body the parser cannot survive belongs in the corpus: the API must still answer 4xx, not 5xx.
            return false;
        }
    }

    private static byte[] Edit(string sampleOrder, Random random, Func<string, JsonNode?> value, string? field = null)
    {
        var order = (JsonObject)JsonNode.Parse(sampleOrder)!;
        var path = (field ?? Fields[random.Next(Fields.Length)]).Split('.');
        var parent = order;
        foreach (var step in path[..^1])
        {
            parent = parent[step] as JsonObject ?? (JsonObject)(parent[step] = new JsonObject());
        }

        parent[path[^1]] = value(path[^1]);
        return Encoding.UTF8.GetBytes(order.ToJsonString());
    }

    private static byte[] DeepNesting(Random random)
    {
        var depth = random.Next(17, 20_000);
        var (open, close) = random.Next(2) == 0 ? ("[", "]") : ("{\"a\":", "}");
        var inner = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, random.Next(2) == 0 ? depth : depth / 2));
        return Encoding.UTF8.GetBytes(random.Next(2) == 0 ? inner : $"{{\"customer\": {inner}, \"amount\": 2000}}");
    }

    private static byte[] HugeNumber(string sampleOrder, Random random)
    {
        string[] numbers = ["1e400", "-1e400", new string('9', 1 + random.Next(5000)), "1" + new string('0', 29), "0." + new string('0', 400) + "1", "1E+2147483648", "-0e-99999", "79228162514264337593543950336"];
        var number = numbers[random.Next(numbers.Length)];
        string[] fields = ["amount", "interest_rate", "commission"];
        return Encoding.UTF8.GetBytes(sampleOrder.Replace("\"amount\": 2000", $"\"{fields[random.Next(fields.Length)]}\": {number}", StringComparison.Ordinal));
    }

    private static byte[] InvalidUtf8(byte[] sample, Random random)
    {
        byte[][] bad = [[0xFF], [0xC3, 0x28], [0xA0, 0xA1], [0xE2, 0x28, 0xA1], [0xF0, 0x28, 0x8C, 0xBC], [0xED, 0xA0, 0x80], [0xC0, 0xAF]];
        var name = Encoding.UTF8.GetBytes("Anna").AsSpan();
        var at = sample.AsSpan().IndexOf(name);
        var chosen = bad[random.Next(bad.Length)];
        return [.. sample[..(at + random.Next(name.Length))], .. chosen, .. sample[(at + name.Length - 1)..]];
    }

    private static byte[] OverLimit(string sampleOrder, Random random)
    {
        var size = (64 * 1024) + 1 + random.Next(128 * 1024);
        return Encoding.UTF8.GetBytes(sampleOrder.Replace("\"Kowalska\"", $"\"{new string('a', size)}\"", StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> BadKey(Random random) =>
        random.Next(5) == 0 ? ["first-key", "second-key"] : [BadKeys[random.Next(BadKeys.Length)]];
}
