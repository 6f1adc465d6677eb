using Orleans.Dashboard;

namespace Loans.Silo.Dashboard;

public static partial class LoansDashboardExtensions
{
    /// <summary>
    /// Adds the Orleans Dashboard to the silo unless <c>Dashboard:Enabled</c> is false. Outside Development
    /// it refuses to start without <c>Dashboard:Username</c> and <c>Dashboard:Password</c>, as the admin
    /// console does.
    /// </summary>
    public static WebApplicationBuilder AddLoansDashboard(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DashboardOptions.SectionName).Get<DashboardOptions>() ?? new();
        builder.Services.AddSingleton(options);
        if (!options.Enabled)
        {
            return builder;
        }

        if (!options.HasCredentials && !builder.Environment.IsDevelopment())
        {
            throw new OptionsValidationException(DashboardOptions.SectionName, typeof(DashboardOptions),
                [$"{DashboardOptions.SectionName}:Username and {DashboardOptions.SectionName}:Password are required outside Development: they protect the Orleans Dashboard at {DashboardOptions.Path}."]);
        }

        builder.UseOrleans(silo => silo.AddDashboard());
        return builder;
    }

    /// <summary>Serves the dashboard under <see cref="DashboardOptions.Path"/>, behind basic authentication when configured.</summary>
    public static WebApplication MapLoansDashboard(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DashboardOptions>();
        if (!options.Enabled)
        {
            LogDashboardDisabled(app.Logger);
            return app;
        }

        if (!options.HasCredentials)
        {
            LogAnonymousDashboard(app.Logger, DashboardOptions.Path);
        }

        // Operations, not the HTTP API: in a pipeline of its own, out of the silo's routes and OpenAPI document.
        var dashboard = new DashboardOnFirstRequest(app.Services);
        app.MapWhen(
            context => context.Request.Path.StartsWithSegments(DashboardOptions.Path, StringComparison.OrdinalIgnoreCase),
            branch =>
            {
                if (options.HasCredentials)
                {
                    branch.Use(async (context, next) =>
                    {
                        if (!BasicAuthentication.IsAuthorized(context.Request, options.Username!, options.Password!))
                        {
                            BasicAuthentication.Challenge(context.Response);
                            return;
                        }

                        await next(context);
                    });
                }

                branch.Run(dashboard.Serve);
            });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The Orleans Dashboard is off (Dashboard:Enabled is false)")]
    private static partial void LogDashboardDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Orleans Dashboard at {Path} is open to anyone (Development, no Dashboard:Username/Password set)")]
    private static partial void LogAnonymousDashboard(ILogger logger, string path);
}
