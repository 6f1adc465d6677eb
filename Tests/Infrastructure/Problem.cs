using System.Text.Json.Nodes;

namespace Loans.Tests.Infrastructure;

/// <summary>Assertions on RFC 7807 problem responses.</summary>
public static class Problem
{
    public static async Task<JsonObject> Assert(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Xunit.Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Xunit.Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (JsonObject)JsonNode.Parse(body)!;
        Xunit.Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Xunit.Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
        if (field is not null)
        {
            var errors = problem["errors"]?.AsObject();
            Xunit.Assert.True(errors?.ContainsKey(field) == true, $"expected an error for '{field}' in {body}");
        }

        return problem;
    }
}
