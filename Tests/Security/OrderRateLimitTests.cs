namespace Loans.Tests.Security;

/// <summary>Finding 12: POST /orders is limited per client address, and says when to come back.</summary>
[Collection(HardenedSystemCollection.Name)]
public class OrderRateLimitTests(HardenedSystemFixture fixture)
{
    [Fact]
    public async Task Orders_beyond_the_burst_from_one_address_are_429_with_retry_after_and_store_nothing()
    {
        using var api = new HttpClient { BaseAddress = fixture.System.ApiAddress };
        // Burst 3, one more per second: of six orders sent at once, three are stored and three refused.
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => api.PostJson("/orders", Fixtures.LoanOrderJson)));
        try
        {
            Assert.Equal(HardenedSystemFixture.OrderBurst, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
            Assert.Equal(3, refused.Count);
            foreach (var response in refused)
            {
                var problem = await Problem.Assert(response, HttpStatusCode.TooManyRequests);
                Assert.Equal("Too many orders from this address.", problem["title"]!.GetValue<string>());
                Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
            }
        }
        finally
        {
            Array.ForEach(responses, r => r.Dispose());
        }

        // Another client behind the trusted proxy (X-Forwarded-For from 127.0.0.1) has a bucket of its own.
        using var other = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonRequests.Json(Fixtures.LoanOrderJson) };
        other.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var accepted = await api.SendAsync(other);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }
}
