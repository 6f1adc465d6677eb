namespace Loans.Api.Http;

public static class OpenApiExtensions
{
    /// <summary>The document's title, whichever process serves it (the API or a silo hosting it).</summary>
    public const string Title = "Orleans.Loans API";

    /// <summary>
    /// The OpenAPI document without a <c>servers</c> entry: ASP.NET Core fills it from the request's Host header,
    /// which a stranger chooses. Without it, clients resolve paths against the address they fetched the document from.
    /// Its title is fixed: ASP.NET Core would take it from the host's assembly, so a silo hosting the API would
    /// otherwise serve a different document.
    /// </summary>
    public static WebApplicationBuilder AddLoansOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Servers?.Clear();
            document.Info.Title = Title;
            return Task.CompletedTask;
        }));
        return builder;
    }
}
