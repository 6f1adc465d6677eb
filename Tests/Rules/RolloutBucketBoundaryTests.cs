using Loans.Grains.Features;

namespace Loans.Tests.Rules;

/// <summary>
/// Exact rollout boundaries: a percentage p lets in the buckets 0 to p-1 and nobody else. The customers below
/// were picked, and their buckets computed, outside this code base (Python's hashlib: SHA-256 of the UTF-8
/// toggle name followed by the RFC 4122 bytes of the uuid, first 8 bytes big-endian, modulo 100), so a change of
/// the function or of the comparison moves a named customer and fails here, where a share within a tolerance
/// would still pass.
/// </summary>
public class RolloutBucketBoundaryTests
{
    private const string Toggle = "NEW_VERIFICATION";

    public static TheoryData<string, int> KnownBuckets => new()
    {
        { "0000004e-0007-0007-0102-030405060708", 0 },
        { "0000005d-0007-0007-0102-030405060708", 1 },
        { "00000066-0007-0007-0102-030405060708", 49 },
        { "0000001f-0007-0007-0102-030405060708", 50 },
        { "0000006e-0007-0007-0102-030405060708", 98 },
        { "000000b7-0007-0007-0102-030405060708", 99 },
        { "33d2f13c-6d96-4883-9871-1e158ced00f2", 25 },
    };

    [Theory]
    [MemberData(nameof(KnownBuckets))]
    public void Each_customer_lands_in_the_bucket_computed_independently(string customer, int bucket) =>
        Assert.Equal(bucket, RolloutBucket.Of(Toggle, Guid.Parse(customer)));

    [Theory]
    [InlineData("0000004e-0007-0007-0102-030405060708", 34)]
    [InlineData("0000005d-0007-0007-0102-030405060708", 17)]
    [InlineData("000000b7-0007-0007-0102-030405060708", 5)]
    public void The_bucket_depends_on_the_toggle_name(string customer, int bucketForOtherFeature) =>
        Assert.Equal(bucketForOtherFeature, RolloutBucket.Of("OTHER_FEATURE", Guid.Parse(customer)));

    [Fact]
    public void Zero_percent_lets_in_nobody_not_even_bucket_0() =>
        Assert.False(RolloutBucket.IsIn(Toggle, Guid.Parse("0000004e-0007-0007-0102-030405060708"), 0));

    [Fact]
    public void One_percent_lets_in_exactly_bucket_0()
    {
        Assert.True(RolloutBucket.IsIn(Toggle, Guid.Parse("0000004e-0007-0007-0102-030405060708"), 1));
        Assert.False(RolloutBucket.IsIn(Toggle, Guid.Parse("0000005d-0007-0007-0102-030405060708"), 1));
    }

    [Fact]
    public void Fifty_percent_lets_in_bucket_49_and_not_bucket_50()
    {
        Assert.True(RolloutBucket.IsIn(Toggle, Guid.Parse("00000066-0007-0007-0102-030405060708"), 50));
        Assert.False(RolloutBucket.IsIn(Toggle, Guid.Parse("0000001f-0007-0007-0102-030405060708"), 50));
    }

    [Fact]
    public void Ninety_nine_percent_leaves_out_exactly_bucket_99()
    {
        Assert.True(RolloutBucket.IsIn(Toggle, Guid.Parse("0000006e-0007-0007-0102-030405060708"), 99));
        Assert.False(RolloutBucket.IsIn(Toggle, Guid.Parse("000000b7-0007-0007-0102-030405060708"), 99));
    }

    [Fact]
    public void A_hundred_percent_lets_in_bucket_99() =>
        Assert.True(RolloutBucket.IsIn(Toggle, Guid.Parse("000000b7-0007-0007-0102-030405060708"), 100));

    [Fact]
    public void Zero_percent_lets_in_no_customer_and_a_hundred_percent_every_customer_of_a_large_sample()
    {
        var customers = Enumerable.Range(0, 2_000).Select(i => new Guid(i, 7, 7, [1, 2, 3, 4, 5, 6, 7, 8])).ToArray();

        Assert.DoesNotContain(customers, c => RolloutBucket.IsIn(Toggle, c, 0));
        Assert.All(customers, c => Assert.True(RolloutBucket.IsIn(Toggle, c, 100)));
    }

    [Theory]
    [InlineData("ŻÓŁW", 59)]
    [InlineData("", 91)]
    public void Names_in_any_script_hash_as_their_utf8_bytes(string toggle, int bucket) =>
        Assert.Equal(bucket, RolloutBucket.Of(toggle, Customers.AnnaUuid));

    [Fact]
    public void A_name_far_longer_than_its_character_count_in_bytes_hashes_whole() =>
        Assert.Equal(14, RolloutBucket.Of(string.Concat(Enumerable.Repeat("PRZEŁĄCZNIK_ŻÓŁW_", 40)), Customers.AnnaUuid));
}
