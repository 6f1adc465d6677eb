using Microsoft.AspNetCore.Authentication;

namespace Loans.Api.Admin;

public static partial class AdminAccessExtensions
{
    public const string AdministratorPolicy = "Administrator";
    public const string AdministratorRole = "administrator";

    /// <summary>Guards the toggle endpoints with the administrator key from section <c>Admin</c>.</summary>
    public static WebApplicationBuilder AddAdminAccess(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AdminOptions.SectionName).Get<AdminOptions>() ?? new();
        builder.Services.AddSingleton(AdminCredential.From(options, builder.Environment.IsDevelopment()));
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdministratorPolicy, policy => policy.RequireRole(AdministratorRole));
        return builder;
    }

    /// <summary>In Development without a configured key, prints the generated one once, so the demo can use it.</summary>
    public static void AnnounceGeneratedAdminKey(this WebApplication app)
    {
        var credential = app.Services.GetRequiredService<AdminCredential>();
        if (credential.Generated)
        {
            LogGeneratedKey(app.Logger, credential.ApiKey);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Admin:ApiKey configured; for this Development run the administrator key is: {ApiKey}  (use: export ADMIN_API_KEY={ApiKey})")]
    private static partial void LogGeneratedKey(ILogger logger, string apiKey);
}
