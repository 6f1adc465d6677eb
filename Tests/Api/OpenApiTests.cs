using System.Text.Json.Nodes;

namespace Loans.Tests.Api;

[Collection(SystemCollection.Name)]
public class OpenApiTests(LoansSystemFixture fixture)
{
    [Fact]
    public async Task The_openapi_document_describes_every_endpoint()
    {
        var document = await fixture.Anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var paths = document!["paths"]!.AsObject();
        foreach (var path in new[] { "/orders", "/orders/{id}", "/customers/verify", "/features", "/features/{name}" })
        {
            Assert.True(paths.ContainsKey(path), $"missing {path}");
        }
    }
}
