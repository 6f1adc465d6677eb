namespace Loans.Api.Http;

public static class OpenApiExtensions
{
    /// <summary>
    /// The OpenAPI document without a <c>servers</c> entry: ASP.NET Core fills it from the request's Host header,
    /// which a stranger chooses. Without it, clients resolve paths against the address they fetched the document from.
    /// </summary>
    public static WebApplicationBuilder AddLoansOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Servers?.Clear();
            return Task.CompletedTask;
        }));
        return builder;
    }
}
