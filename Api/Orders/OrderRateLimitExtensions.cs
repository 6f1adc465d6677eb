using System.Threading.RateLimiting;
using Loans.Api.Http;

namespace Loans.Api.Orders;

public static class OrderRateLimitExtensions
{
    public const string PolicyName = "orders";

    internal static readonly RateLimitProblem Rejected = new(
        "Too many orders from this address.",
        "Wait a moment and send the order again; nothing was stored.",
        TimeSpan.FromSeconds(1));

    /// <summary>Limits <c>POST /orders</c> per client address (after forwarded headers), from section <c>Api:OrderRateLimit</c>.</summary>
    public static WebApplicationBuilder AddLoansOrderRateLimit(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OrderRateLimitOptions>()
            .Bind(builder.Configuration.GetSection(OrderRateLimitOptions.SectionName))
            .Validate(o => o.PermitsPerSecond is >= 1 and <= 1_000_000, $"{OrderRateLimitOptions.SectionName}:PermitsPerSecond must be between 1 and 1000000.")
            .Validate(o => o.Burst is >= 1 and <= 1_000_000, $"{OrderRateLimitOptions.SectionName}:Burst must be between 1 and 1000000.")
            .ValidateOnStart();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PolicyName, context =>
            {
                var options = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<OrderRateLimitOptions>>().Value;
                return options.Enabled
                    ? RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.Burst,
                        TokensPerPeriod = options.PermitsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter("off");
            });
            RateLimitProblem.AnswerRejections(limiter);
        });
        return builder;
    }
}
