namespace Loans.Silo.CoHostedApi;

/// <summary>
/// Section <c>Silo</c>: whether this silo also serves the HTTP API in its own process. Read before the host is
/// built, since it decides what the host is made of.
/// </summary>
public sealed class CoHostedApiOptions
{
    public const string SectionName = "Silo";

    /// <summary>
    /// <c>true</c>: the silo serves the whole HTTP API (endpoints, middleware, OpenAPI document, admin console) on its
    /// own URL (<c>Urls</c>) and calls the grains in-process, with no API process and no network hop. <c>false</c> (the
    /// default): the API runs as its own process, as the compose stack runs it.
    /// </summary>
    public bool HostApi { get; set; }

    /// <summary>The options from configuration; a value that is not true or false stops the start with one line naming it.</summary>
    public static CoHostedApiOptions Read(IConfiguration configuration)
    {
        var text = configuration.GetSection(SectionName)[nameof(HostApi)];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new CoHostedApiOptions();
        }

        return bool.TryParse(text.Trim(), out var hostApi)
            ? new CoHostedApiOptions { HostApi = hostApi }
            : throw new OptionsValidationException(SectionName, typeof(CoHostedApiOptions),
                [$"{SectionName}:{nameof(HostApi)} is '{text}'; expected true (the silo serves the HTTP API itself) or false (the API runs as its own process)."]);
    }
}
