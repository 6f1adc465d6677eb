using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Loans.Api.Hosting;

public static class GracefulShutdownExtensions
{
    public const string SectionName = "Host";

    /// <summary>
    /// <c>Host:ShutdownTimeout</c>: on SIGTERM the API stops accepting connections and lets requests in flight
    /// finish for at most this long, then disconnects from the cluster and exits.
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
