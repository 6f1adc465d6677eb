using System.Collections.Concurrent;

namespace Loans.Tests.Fuzz;

/// <summary>Ten thousand malformed requests against the real API: never a 5xx, always a problem, never an order.</summary>
[Collection(SystemCollection.Name)]
public class MalformedCorpusTests(LoansSystemFixture fixture)
{
    [Fact]
    public void The_corpus_holds_at_least_ten_thousand_requests_of_every_kind()
    {
        var corpus = MalformedCorpus.Generate(Fixtures.LoanOrderJson);

        Assert.True(corpus.Count >= 10_000);
        Assert.Equal(11, corpus.Select(r => r.Kind).Distinct().Count());
    }

    [Fact]
    public async Task No_malformed_request_gets_a_5xx_or_a_non_problem_answer_or_stores_an_order()
    {
        var corpus = MalformedCorpus.Generate(Fixtures.LoanOrderJson);
        var before = await StoredOrders.Count(fixture.System);
        var failures = new ConcurrentQueue<string>();

        await Parallel.ForEachAsync(corpus, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (malformed, cancellationToken) =>
        {
            using var request = malformed.ToHttp();
            using var response = await fixture.Anonymous.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            // 429 would mean the request never reached the parser this test is about.
            if (status is < 400 or >= 500 or 429 || mediaType != "application/problem+json")
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                failures.Enqueue($"{malformed.Kind}: {status} {mediaType} {body[..Math.Min(body.Length, 300)]} for {Preview(malformed)}");
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} of {corpus.Count} failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(20))}");
        Assert.Equal(before, await StoredOrders.Count(fixture.System));
    }

    private static string Preview(MalformedRequest request) =>
        $"{request.Method} {request.Path} [{request.ContentType}] keys=[{string.Join('|', request.IdempotencyKeys)}] " +
        (request.Body is null ? "" : Convert.ToBase64String(request.Body, 0, Math.Min(request.Body.Length, 300)));
}
