namespace Loans.Tests.Security;

/// <summary>Finding 12: POST /orders is limited per client address, and says when to come back.</summary>
[Collection(HardenedSystemCollection.Name)]
public class OrderRateLimitTests(HardenedSystemFixture fixture)
{
    [Fact]
    public async Task Orders_beyond_the_burst_from_one_address_are_429_with_retry_after_and_store_nothing()
    {
        using var api = new HttpClient { BaseAddress = fixture.System.ApiAddress };
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        // Burst 3, one more per second: of five orders sent at once the first three are stored, the fifth is refused.
        for (var i = 0; i < HardenedSystemFixture.OrderBurst + 2; i++)
        {
            var response = await api.PostJson("/orders", Fixtures.LoanOrderJson);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused?.Dispose();
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, HardenedSystemFixture.OrderBurst), statuses.Take(HardenedSystemFixture.OrderBurst));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        using (refused)
        {
            var problem = await Problem.Assert(refused!, HttpStatusCode.TooManyRequests);
            Assert.Equal("Too many orders from this address.", problem["title"]!.GetValue<string>());
            Assert.Equal("1", refused!.Headers.GetValues("Retry-After").Single());
        }

        // Another client behind the trusted proxy (X-Forwarded-For from 127.0.0.1) has a bucket of its own.
        using var other = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonRequests.Json(Fixtures.LoanOrderJson) };
        other.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var accepted = await api.SendAsync(other);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }
}
