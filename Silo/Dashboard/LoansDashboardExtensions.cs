using Orleans.Dashboard;

namespace Loans.Silo.Dashboard;

public static partial class LoansDashboardExtensions
{
    /// <summary>
    /// Adds the Orleans Dashboard to the silo. Outside Development it refuses to start without
    /// <c>Dashboard:Username</c> and <c>Dashboard:Password</c>, as the admin console does.
    /// </summary>
    public static WebApplicationBuilder AddLoansDashboard(this WebApplicationBuilder builder)
    {
        var access = builder.Configuration.GetSection(DashboardAccessOptions.SectionName).Get<DashboardAccessOptions>() ?? new();
        if (!access.HasCredentials && !builder.Environment.IsDevelopment())
        {
            throw new OptionsValidationException(DashboardAccessOptions.SectionName, typeof(DashboardAccessOptions),
                [$"{DashboardAccessOptions.SectionName}:Username and {DashboardAccessOptions.SectionName}:Password are required outside Development: they protect the Orleans Dashboard at {DashboardAccessOptions.Path}."]);
        }

        builder.Services.AddSingleton(access);
        builder.UseOrleans(silo => silo.AddDashboard());
        return builder;
    }

    /// <summary>Serves the dashboard under <see cref="DashboardAccessOptions.Path"/>, behind basic authentication when configured.</summary>
    public static WebApplication MapLoansDashboard(this WebApplication app)
    {
        var access = app.Services.GetRequiredService<DashboardAccessOptions>();
        if (access.HasCredentials)
        {
            app.UseWhen(
                context => context.Request.Path.StartsWithSegments(DashboardAccessOptions.Path, StringComparison.OrdinalIgnoreCase),
                branch => branch.Use(async (context, next) =>
                {
                    if (!BasicAuthentication.IsAuthorized(context.Request, access.Username!, access.Password!))
                    {
                        BasicAuthentication.Challenge(context.Response);
                        return;
                    }

                    await next(context);
                }));
        }
        else
        {
            LogAnonymousDashboard(app.Logger, DashboardAccessOptions.Path);
        }

        app.MapOrleansDashboard(routePrefix: DashboardAccessOptions.Path);
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Orleans Dashboard at {Path} is open to anyone (Development, no Dashboard:Username/Password set)")]
    private static partial void LogAnonymousDashboard(ILogger logger, string path);
}
