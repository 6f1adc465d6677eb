using Loans.Grains.Interfaces.Idempotency;

namespace Loans.Tests.Grains;

[Collection(ClusterCollection.Name)]
public class IdempotencyKeyGrainTests(LoansClusterFixture fixture)
{
    private IIdempotencyKeyGrain Key() => fixture.Client.GetGrain<IIdempotencyKeyGrain>(Guid.NewGuid().ToString());

    [Fact]
    public async Task A_fresh_key_is_claimed_for_the_proposed_order()
    {
        var orderId = Guid.NewGuid();

        var claim = await Key().Claim("fingerprint", orderId);

        Assert.Equal(new IdempotencyClaim(IdempotencyClaimOutcome.Claimed, orderId), claim);
    }

    [Fact]
    public async Task The_same_request_again_replays_the_first_order()
    {
        var key = Key();
        var first = Guid.NewGuid();
        await key.Claim("fingerprint", first);

        var again = await key.Claim("fingerprint", Guid.NewGuid());

        Assert.Equal(new IdempotencyClaim(IdempotencyClaimOutcome.Replayed, first), again);
    }

    [Fact]
    public async Task A_different_request_with_the_key_is_a_mismatch()
    {
        var key = Key();
        var first = Guid.NewGuid();
        await key.Claim("fingerprint", first);

        var other = await key.Claim("another fingerprint", Guid.NewGuid());

        Assert.Equal(new IdempotencyClaim(IdempotencyClaimOutcome.Mismatch, first), other);
    }

    [Fact]
    public async Task A_claim_survives_a_silo_restart()
    {
        var id = Guid.NewGuid().ToString();
        var first = Guid.NewGuid();
        await fixture.Client.GetGrain<IIdempotencyKeyGrain>(id).Claim("fingerprint", first);

        await fixture.Cluster.RestartSiloAsync(fixture.Cluster.Primary!);
        await fixture.Cluster.WaitForLivenessToStabilizeAsync();

        var again = await fixture.Client.GetGrain<IIdempotencyKeyGrain>(id).Claim("fingerprint", Guid.NewGuid());
        Assert.Equal(first, again.OrderId);
    }
}
