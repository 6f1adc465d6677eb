using System.Text;

namespace Loans.Tests.Fuzz;

/// <summary>Byte-level mutations in the style of libFuzzer's, driven by a seeded random so runs repeat exactly.</summary>
public sealed class Mutator(int seed)
{
    private static readonly byte[][] Tokens =
    [
        .. new[]
        {
            "{", "}", "[", "]", "\"", ":", ",", "null", "true", "false", "-", "1e400", "-0", "0.0000001", "9999999999999999999999999999999",
            "\"customer\"", "\"person\"", "\"uuid\"", "\"amount\"", "\"promotions\"", "\"gender\"", "\"date_of_birth\"", "\\u0000", "\\ud800", "\\",
        }.Select(Encoding.UTF8.GetBytes),
        [0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0x00], [0xEF, 0xBB, 0xBF],
    ];

    public Random Random { get; } = new(seed);

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> corpus)
    {
        var data = new List<byte>(input);
        var rounds = 1 + Random.Next(4);
        for (var i = 0; i < rounds; i++)
        {
            var at = data.Count == 0 ? 0 : Random.Next(data.Count);
            switch (Random.Next(7))
            {
                case 0 when data.Count > 0:
                    data[at] ^= (byte)(1 << Random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + Random.Next(16)));
                    break;
                case 2:
                    data.InsertRange(at, Tokens[Random.Next(Tokens.Length)]);
                    break;
                case 3 when data.Count > 0:
                    var length = Math.Min(data.Count - at, 1 + Random.Next(32));
                    data.InsertRange(Random.Next(data.Count), data.GetRange(at, length));
                    break;
                case 4 when data.Count > 0:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 5 when corpus.Count > 0:
                    var other = corpus[Random.Next(corpus.Count)];
                    var from = Random.Next(other.Length);
                    data.InsertRange(at, other.AsSpan(from, Math.Min(other.Length - from, 1 + Random.Next(64))).ToArray());
                    break;
                default:
                    if (data.Count > 0)
                    {
                        data[at] = (byte)Random.Next(256);
                    }

                    break;
            }
        }

        return [.. data];
    }
}
