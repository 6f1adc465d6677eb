using Microsoft.Extensions.Hosting;

namespace Loans.Hosting;

/// <summary>Shared by the silo and the API (the silo references the API project).</summary>
internal static class GracefulShutdownExtensions
{
    public const string SectionName = "Host";

    /// <summary>
    /// <c>Host:ShutdownTimeout</c>: how long SIGTERM waits before the process exits anyway: the API lets requests
    /// in flight finish, a silo deactivates its grains and leaves the membership table. Keep it below the
    /// orchestrator's kill grace period.
    /// </summary>
    public static WebApplicationBuilder AddLoansGracefulShutdown(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HostOptions>()
            .Bind(builder.Configuration.GetSection(SectionName))
            .Validate(o => o.ShutdownTimeout >= TimeSpan.FromSeconds(1) && o.ShutdownTimeout <= TimeSpan.FromMinutes(5),
                $"{SectionName}:ShutdownTimeout must be between 00:00:01 and 00:05:00.")
            .ValidateOnStart();
        return builder;
    }
}
