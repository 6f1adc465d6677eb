using System.Text.Json;
using Loans.Api.Http;

namespace Loans.Tests.Regression;

/// <summary>The API's snake_case dictionary policy rewrote error keys, so "Idempotency-Key" was reported as "idempotency-key".</summary>
public class ProblemFieldNamesTests
{
    [Fact]
    public void Error_keys_are_reported_exactly_as_the_client_sent_them()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);
        var problem = new Microsoft.AspNetCore.Http.HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            ["Idempotency-Key"] = ["bad"],
            ["customer.person.date_of_birth"] = ["bad"],
        });

        var json = JsonSerializer.Serialize(problem, options);

        Assert.Contains("\"Idempotency-Key\"", json, StringComparison.Ordinal);
        Assert.Contains("\"customer.person.date_of_birth\"", json, StringComparison.Ordinal);
    }
}
