using Microsoft.Extensions.Hosting;

namespace Loans.Silo.Clustering;

public static class GracefulShutdownExtensions
{
    public const string SectionName = "Host";

    /// <summary>
    /// <c>Host:ShutdownTimeout</c>: how long SIGTERM waits for the silo to deactivate its grains and leave the
    /// membership table before the process exits anyway. Keep it below the orchestrator's kill grace period.
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
