using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Loans.Grains.Features;

/// <summary>
/// Puts a customer in one of 100 buckets for a toggle's percentage rollout. The bucket depends only on the
/// toggle's name and the customer's uuid, so a customer always gets the same answer on every silo and
/// across restarts, and different toggles roll out to different customers.
/// </summary>
public static class RolloutBucket
{
    public const int Count = 100;

    public static int Of(string toggle, Guid customer)
    {
        Span<byte> input = stackalloc byte[Encoding.UTF8.GetMaxByteCount(toggle.Length) + 16];
        var length = Encoding.UTF8.GetBytes(toggle, input);
        customer.TryWriteBytes(input[length..], bigEndian: true, out var written);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input[..(length + written)], hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % Count);
    }

    /// <summary>Whether the customer is among the first <paramref name="percentage"/> percent.</summary>
    public static bool IsIn(string toggle, Guid customer, int percentage) => Of(toggle, customer) < percentage;
}
